/** The only place that knows how the weekly digests sent are recorded. */
export interface DigestRunStore {
  /**
   * Claims the team's digest of the week starting at `weekStart`: true for
   * the one caller that records it first, false for every later one (another
   * run or another replica). Insert-if-absent, one statement.
   */
  claim(teamRef: string, weekStart: number, now: number): Promise<boolean>;
  /** Gives a claim up (its digest could not be sent), so a later run may send it. */
  release(teamRef: string, weekStart: number): Promise<void>;
}
