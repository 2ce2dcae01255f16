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
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** `XConnection { totalCount nodes edges { cursor node } pageInfo { … } }` for one page. */
export function connection<T>(typeName: string, page: ConnectionPage<T>): PlainModel {
  const edgeType = typeName.replace(/Connection$/, 'Edge');
  return plain(typeName, {
    totalCount: page.totalCount,
    nodes: page.items,
    edges: page.items.map((node, i) => plain(edgeType, { node, cursor: page.cursors[i] })),
    pageInfo: plain('PageInfo', {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    }),
  });
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
