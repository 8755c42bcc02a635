import { Initiative } from '@dora-metrics/plugin-dora-common';

/** An initiative as stored, with when and by whom it was written. */
export interface StoredInitiative {
  initiative: Initiative;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

/** The only place that knows how initiatives are stored. */
export interface InitiativeStore {
  /** Every initiative, by id. */
  listInitiatives(): Promise<StoredInitiative[]>;
  getInitiative(id: string): Promise<StoredInitiative | undefined>;
  /** False when an initiative with that id exists already; nothing is written then. */
  createInitiative(
    initiative: Initiative,
    at: number,
    by: string,
  ): Promise<boolean>;
  /** False when there is no such initiative. */
  updateInitiative(
    initiative: Initiative,
    at: number,
    by: string,
  ): Promise<boolean>;
  /** False when there is no such initiative. */
  deleteInitiative(id: string): Promise<boolean>;
}
