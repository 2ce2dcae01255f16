/** Primary budget left on the credentials in use, for progress lines. */
export interface BudgetView {
  readonly core?: number | undefined;
  readonly graphql?: number | undefined;
}
