import { notFound } from './github-errors.js';
import { numberParam } from './query-params.js';
import type { RestRequest, RestResult } from './rest-route.js';

/**
 * One comment by the `:comment_id` of the path, from the repository's list of that kind; a deleted or
 * unknown id answers 404 as GitHub does.
 */
export function commentById<C extends { id: number; updatedAt: string }>(
  req: RestRequest,
  comments: readonly C[],
  render: (comment: C) => unknown,
): RestResult {
  const id = numberParam(req.params['comment_id']) ?? -1;
  const comment = comments.find((c) => c.id === id);
  if (comment === undefined) return { status: 404, body: notFound() };
  return { status: 200, body: render(comment), lastModified: comment.updatedAt };
}
