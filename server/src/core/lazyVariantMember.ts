import { normalizedWords } from './tokens';
import { compareToRoot, type VariantComparison } from './variantType';

/**
 * What the members of one group are compared with: the root, as written and as normalised words. The
 * words are worked out again when a comparison is first asked for (they are the words the grouper was
 * given: `normalizedWords` of the text), rather than kept with every group.
 */
export class RootForComparison {
  /** One comparison per member text: copies of the root's quotation recur across sources. */
  private byText: Map<string, VariantComparison> | undefined;
  private words: readonly string[] | undefined;

  constructor(private readonly text: string) {}

  comparison(memberText: string): VariantComparison {
    this.byText ??= new Map();
    let comparison = this.byText.get(memberText);
    if (!comparison) {
      this.words ??= normalizedWords(this.text);
      comparison = compareToRoot(this.text, this.words, memberText, normalizedWords(memberText));
      this.byText.set(memberText, comparison);
    }
    return comparison;
  }
}

/**
 * A member of a variant group whose comparison with the root is worked out when first read: building
 * every group of a workspace no longer aligns every member with its root, only the groups a hover, a
 * diagnostic or a view shows are typed. `comparison` is an own enumerable property (a getter), so the
 * member reads, spreads, serialises and compares like a plain object.
 */
export class LazyVariantMember {
  declare readonly comparison: VariantComparison;
  #root: RootForComparison | undefined;
  #text: string;
  #comparison: VariantComparison | undefined;

  constructor(
    readonly key: string,
    readonly container: boolean,
    root: RootForComparison,
    text: string,
  ) {
    this.#root = root;
    this.#text = text;
    Object.defineProperty(this, 'comparison', COMPARISON);
  }

  static comparisonOf(member: LazyVariantMember): VariantComparison {
    if (!member.#comparison) {
      member.#comparison = member.#root!.comparison(member.#text);
      // The root and the text are no longer needed.
      member.#root = undefined;
      member.#text = '';
    }
    return member.#comparison;
  }
}

/** One getter for every member: members share their hidden class. */
const COMPARISON: PropertyDescriptor = {
  enumerable: true,
  get(this: LazyVariantMember): VariantComparison {
    return LazyVariantMember.comparisonOf(this);
  },
};
