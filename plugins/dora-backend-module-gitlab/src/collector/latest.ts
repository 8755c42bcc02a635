/** The later of two ISO instants. */
export function later(a: string, b: string | null | undefined): string {
  return b && Date.parse(b) > Date.parse(a) ? b : a;
}

export interface StreamResult<E> {
  events: E[];
  /** Where the next collection starts. */
  cursor: string;
}
