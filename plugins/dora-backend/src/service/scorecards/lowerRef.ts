/** Results are stored and looked up by lower-cased entity refs (and kinds). */
export const lowerRef = (ref: string) => ref.toLocaleLowerCase('en-US');
