import type { Resolver } from '../models.js';
import { botResolvers, organizationResolvers, userResolvers } from './actor.resolvers.js';
import { commitResolvers, gitActorResolvers } from './commit.resolvers.js';
import {
  issueCommentResolvers,
  issueResolvers,
  pullRequestResolvers,
  reviewResolvers,
} from './issue.resolvers.js';
import { queryResolvers } from './query.resolvers.js';
import { releaseResolvers } from './release.resolvers.js';
import { refResolvers, repositoryResolvers } from './repository.resolvers.js';

/** Every implemented field, by GraphQL type. Anything else answers "not implemented". */
export const resolversByType: Record<string, Record<string, Resolver<never>>> = {
  Query: queryResolvers,
  Repository: repositoryResolvers,
  Ref: refResolvers,
  Commit: commitResolvers,
  GitActor: gitActorResolvers,
  User: userResolvers,
  Bot: botResolvers,
  Organization: organizationResolvers,
  Issue: issueResolvers,
  PullRequest: pullRequestResolvers,
  PullRequestReview: reviewResolvers,
  IssueComment: issueCommentResolvers,
  Release: releaseResolvers,
};
