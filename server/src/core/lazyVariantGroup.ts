import type { VariantGroup, VariantMember } from './workspaceIndex';

/**
 * A variant group whose id and label are made when first read: the index keeps every group of the
 * workspace, and both are strings of their own (the id holds the root's whole key). `id` and `label` are
 * own enumerable properties (getters), so the group reads, spreads, serialises and compares like a
 * plain object.
 */
export class LazyVariantGroup implements VariantGroup {
  // Declared only, and set in this order: the keys come in the order of a plain group's.
  declare readonly id: string;
  declare readonly label: string;
  declare readonly rootKey: string;
  declare readonly members: readonly VariantMember[];
  #rootText: string;

  constructor(rootKey: string, rootText: string, members: readonly VariantMember[]) {
    this.#rootText = rootText;
    Object.defineProperty(this, 'id', ID);
    Object.defineProperty(this, 'label', LABEL);
    this.rootKey = rootKey;
    this.members = members;
  }

  static labelOf(group: LazyVariantGroup): string {
    return labelOf(group.#rootText);
  }
}

/** One descriptor of each for every group: groups share their hidden class. */
const ID: PropertyDescriptor = {
  enumerable: true,
  get(this: LazyVariantGroup): string {
    return `g:${this.rootKey}`;
  },
};

const LABEL: PropertyDescriptor = {
  enumerable: true,
  get(this: LazyVariantGroup): string {
    return LazyVariantGroup.labelOf(this);
  },
};

/** The root's first eight words. */
function labelOf(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.length <= 8 ? words.join(' ') : `${words.slice(0, 8).join(' ')}…`;
}
