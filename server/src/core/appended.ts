/**
 * `list` with `item` at the end. Most lists here hold one to three items, and a push would reserve room
 * for seventeen: short lists are copied to their exact size instead.
 */
export function appended<T>(list: T[], item: T): T[] {
  if (list.length >= 16) {
    list.push(item);
    return list;
  }
  return list.concat([item]);
}
