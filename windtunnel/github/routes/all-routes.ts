// Every operation the fake implements; anything else GitHub has answers 404 and is reported
// as a violation ("not implemented by the wind tunnel").
import { appRoutes } from "./app-routes.ts";
import { branchRoutes } from "./branch-routes.ts";
import { checkRoutes } from "./check-routes.ts";
import { commentRoutes } from "./comment-routes.ts";
import { commitRoutes } from "./commit-routes.ts";
import { contentsRoutes } from "./contents-routes.ts";
import { deploymentRoutes } from "./deployment-routes.ts";
import { gitObjectRoutes } from "./git-object-routes.ts";
import { gitRefRoutes } from "./git-ref-routes.ts";
import { issueRoutes } from "./issue-routes.ts";
import { labelRoutes } from "./label-routes.ts";
import { mergeReviewRoutes } from "./merge-review-routes.ts";
import { pullRoutes } from "./pull-routes.ts";
import { repoRoutes } from "./repo-routes.ts";
import { rulesetRoutes } from "./ruleset-routes.ts";
import { statusRoutes } from "./status-routes.ts";
import type { Route } from "../http/route.ts";

export const allRoutes: Route[] = [
  ...appRoutes,
  ...repoRoutes,
  ...branchRoutes,
  ...rulesetRoutes,
  ...commitRoutes,
  ...contentsRoutes,
  ...gitObjectRoutes,
  ...gitRefRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...labelRoutes,
  ...pullRoutes,
  ...mergeReviewRoutes,
  ...checkRoutes,
  ...statusRoutes,
  ...deploymentRoutes,
];
