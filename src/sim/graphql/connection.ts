/**
 * Relay connections as plain objects. Plain models (`__plain: true`) are read field by field by
 * the engine's default resolver; a field absent from the object is reported as not implemented.
 */
export interface PlainModel {
  __typename: string;
  __plain: true;
  [field: string]: unknown;
}

export function plain(typeName: string, fields: Record<string, unknown>): PlainModel {
  return { __typename: typeName, __plain: true, ...fields };
}

export interface ConnectionPage<T> {
  totalCount: number;
  items: T[];
  /** The cursor of `items[i]`, computed on demand: most queries read only `endCursor`. */
  cursor: (i: number) => string;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** `XConnection { totalCount nodes edges { cursor node } pageInfo { … } }` for one page. */
export function connection<T>(typeName: string, page: ConnectionPage<T>): PlainModel {
  const { items, cursor } = page;
  let edges: PlainModel[] | undefined;
  return {
    __typename: typeName,
    __plain: true,
    totalCount: page.totalCount,
    nodes: items,
    // Built when a query asks for edges: a history page is read through `nodes` only.
    get edges(): PlainModel[] {
      const edgeType = typeName.replace(/Connection$/, 'Edge');
      edges ??= items.map((node, i) => plain(edgeType, { node, cursor: cursor(i) }));
      return edges;
    },
    pageInfo: plain('PageInfo', {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: items.length > 0 ? cursor(0) : null,
      endCursor: items.length > 0 ? cursor(items.length - 1) : null,
    }),
  };
}

export function encodeCursor(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64').toString('utf8');
}

/** Page size of a connection: `first` (validated ≤ 100 by the cost walk); `totalCount`-only → 0. */
export function pageSizeOf(args: { first?: number | null; last?: number | null }): number {
  return args.first ?? args.last ?? 0;
}
