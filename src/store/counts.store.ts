import { sql, type Kysely } from 'kysely';
import type { Database } from '../../schema/database.js';

/** Rows stored for one repository: the `counts` of the report contract (design §3). */
export interface RepositoryRowCounts {
  commits: number;
  /** Issues only; pull requests are counted apart. */
  issues: number;
  pullRequests: number;
  issueComments: number;
  reviews: number;
  releases: number;
  contributors: number;
}

export async function countRowsForRepository(
  db: Kysely<Database>,
  repositoryId: number,
): Promise<RepositoryRowCounts> {
  const id = repositoryId;
  const { rows } = await sql<RepositoryRowCounts>`
    select
      (select count(*) from "commit" where repository_id = ${id}) as "commits",
      (select count(*) from issue where repository_id = ${id} and not is_pull_request) as "issues",
      (select count(*) from issue where repository_id = ${id} and is_pull_request) as "pullRequests",
      (select count(*) from issue_comment where repository_id = ${id}) as "issueComments",
      (select count(*) from review where repository_id = ${id}) as "reviews",
      (select count(*) from release where repository_id = ${id}) as "releases",
      (select count(*) from contributor where repository_id = ${id}) as "contributors"`.execute(db);
  const row = rows[0];
  return {
    commits: Number(row?.commits ?? 0),
    issues: Number(row?.issues ?? 0),
    pullRequests: Number(row?.pullRequests ?? 0),
    issueComments: Number(row?.issueComments ?? 0),
    reviews: Number(row?.reviews ?? 0),
    releases: Number(row?.releases ?? 0),
    contributors: Number(row?.contributors ?? 0),
  };
}
