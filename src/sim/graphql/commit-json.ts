import type { SimCommit, SimGitActor, World } from '../world.js';
import { jsonString } from '../render/json-text.js';
import { findUserByLogin } from './world-lookups.js';

/**
 * Commits written straight to JSON text, for the selections a history crawl asks of each commit
 * (`oid messageHeadline additions deletions parents { totalCount } author { name email date user
 * { login databaseId } } committer { … }` and the like): resolving and completing a dozen fields
 * per commit through the generic executor cost ~10 µs a commit, thousands per history page.
 * Each writer gives what the resolvers of commit.resolvers.ts / actor.resolvers.ts would, after
 * the scalars' serialisation; a field outside that set (or with arguments) gets no writer, and
 * a value the scalars would refuse makes the writer answer undefined — the generic executor
 * (and its errors) take over.
 */
export interface SelectedField {
  /** `"responseKey":`. */
  keyJson: string;
  fieldName: string;
  hasArguments: boolean;
  /** The sub-selection's fields for the given object type (undefined for leaves). */
  subFields: ((typeName: string) => SelectedField[]) | undefined;
}

/** Writes one commit's JSON, or answers undefined when the generic executor must decide. */
export type CommitJson = (commit: SimCommit, world: World) => string | undefined;

type Part = (commit: SimCommit, world: World) => string | undefined;
type ActorPart = (actor: SimGitActor, login: string | null, world: World) => string | undefined;

export function compileCommitJson(fields: readonly SelectedField[]): CommitJson | undefined {
  const parts: Part[] = [];
  for (const field of fields) {
    const part = field.hasArguments ? undefined : commitField(field);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return joinParts(parts);
}

function joinParts(parts: Part[]): (commit: SimCommit, world: World) => string | undefined {
  return (commit, world) => {
    let json = '{';
    for (let i = 0; i < parts.length; i++) {
      const part = (parts[i] as Part)(commit, world);
      if (part === undefined) return undefined;
      json += i === 0 ? part : `,${part}`;
    }
    return `${json}}`;
  };
}

function commitField(field: SelectedField): Part | undefined {
  const key = field.keyJson;
  switch (field.fieldName) {
    case '__typename':
      return () => `${key}"Commit"`;
    case 'oid':
      return (commit) => stringLeaf(key, commit.sha);
    case 'abbreviatedOid':
      return (commit) => stringLeaf(key, commit.sha.slice(0, 7));
    case 'message':
      return (commit) => stringLeaf(key, commit.message);
    case 'messageHeadline':
      return (commit) => stringLeaf(key, headline(commit.message));
    case 'additions':
      return (commit) => intLeaf(key, commit.additions);
    case 'deletions':
      return (commit) => intLeaf(key, commit.deletions);
    case 'parents': {
      const sub = field.subFields?.('CommitConnection');
      if (sub === undefined || sub.length === 0) return undefined;
      for (const f of sub) if (f.fieldName !== 'totalCount' || f.hasArguments) return undefined;
      const counts = sub.map((f) => f.keyJson);
      return (commit) => {
        const count = String(commit.parents.length);
        return `${key}{${counts.map((k) => k + count).join(',')}}`;
      };
    }
    case 'author':
    case 'committer': {
      const actor = actorJson(field.subFields?.('GitActor'));
      if (actor === undefined) return undefined;
      return field.fieldName === 'author'
        ? (commit, world) => withKey(key, actor(commit.author, commit.authorLogin, world))
        : (commit, world) => withKey(key, actor(commit.committer, commit.committerLogin, world));
    }
    default:
      return undefined;
  }
}

function actorJson(fields: SelectedField[] | undefined): ActorPart | undefined {
  if (fields === undefined) return undefined;
  const parts: ActorPart[] = [];
  for (const field of fields) {
    if (field.hasArguments) return undefined;
    const key = field.keyJson;
    switch (field.fieldName) {
      case '__typename':
        parts.push(() => `${key}"GitActor"`);
        break;
      case 'name':
        parts.push((actor) => nullableStringLeaf(key, actor.name));
        break;
      case 'email':
        parts.push((actor) => nullableStringLeaf(key, actor.email));
        break;
      case 'date':
        // GitTimestamp serialises as given (a custom scalar of the client schema).
        parts.push((actor) => nullableStringLeaf(key, actor.date));
        break;
      case 'user': {
        const user = userJson(field.subFields?.('User'));
        if (user === undefined) return undefined;
        parts.push((_actor, login, world) => {
          // GitActor.user: the linked account when it is a User (bots and organisations: null).
          const account = login === null ? undefined : findUserByLogin(world, login);
          return key + (account !== undefined && account.type === 'User' ? user(account) : 'null');
        });
        break;
      }
      default:
        return undefined;
    }
  }
  return (actor, login, world) => {
    let json = '{';
    for (let i = 0; i < parts.length; i++) {
      const part = (parts[i] as ActorPart)(actor, login, world);
      if (part === undefined) return undefined;
      json += i === 0 ? part : `,${part}`;
    }
    return `${json}}`;
  };
}

function userJson(
  fields: SelectedField[] | undefined,
): ((user: { login: string; id: number }) => string | undefined) | undefined {
  if (fields === undefined) return undefined;
  const parts: ((user: { login: string; id: number }) => string | undefined)[] = [];
  for (const field of fields) {
    if (field.hasArguments) return undefined;
    const key = field.keyJson;
    if (field.fieldName === '__typename') parts.push(() => `${key}"User"`);
    else if (field.fieldName === 'login') parts.push((user) => stringLeaf(key, user.login));
    else if (field.fieldName === 'databaseId') parts.push((user) => intLeaf(key, user.id));
    else return undefined;
  }
  return (user) => {
    let json = '{';
    for (let i = 0; i < parts.length; i++) {
      const part = (parts[i] as (u: { login: string; id: number }) => string | undefined)(user);
      if (part === undefined) return undefined;
      json += i === 0 ? part : `,${part}`;
    }
    return `${json}}`;
  };
}

function withKey(key: string, json: string | undefined): string | undefined {
  return json === undefined ? undefined : key + json;
}

/** A `String!` (or ID-like) leaf: anything but a string goes to the generic executor. */
function stringLeaf(key: string, value: unknown): string | undefined {
  return typeof value === 'string' ? key + jsonString(value) : undefined;
}

function nullableStringLeaf(key: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return `${key}null`;
  return stringLeaf(key, value);
}

/** GraphQL's Int: 32-bit integers only. */
function intLeaf(key: string, value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value <= 2147483647 && value >= -2147483648
    ? key + String(value)
    : undefined;
}

/** `messageHeadline`: the message's first line. */
function headline(message: string): string {
  const end = message.indexOf('\n');
  return end === -1 ? message : message.slice(0, end);
}
