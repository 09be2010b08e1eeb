/** A hidden marker identifying one of Pitwall's comments, so it is edited in place rather than duplicated. */
export function commentMarker(key: string): string {
  return `<!-- pitwall:${key} -->`;
}
