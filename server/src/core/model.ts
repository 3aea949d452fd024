/** Offsets are UTF-16 code-unit indices into the document text, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

/** Stable diagnostic codes: clients switch them off by name, so never rename one. */
export enum ProblemCode {
  UnreadableFile = 'file.unreadable',
  BinaryFile = 'file.binary',
  FileTooLarge = 'file.too-large',
  MalformedHeader = 'header.malformed',
  DuplicateHeader = 'header.duplicate',
  EmptySource = 'article.empty-source',
  EmptyArticle = 'article.empty',
  DuplicateParagraph = 'article.duplicate-paragraph',
  MalformedAnnotation = 'annotation.malformed',
  StaleAnnotation = 'annotation.anchor-missing',
  AmbiguousAnnotation = 'annotation.anchor-ambiguous',
  UnbalancedQuote = 'quote.unbalanced',
  UnclosedNestedQuote = 'quote.unclosed-nested',
  MissingSpeaker = 'quote.no-speaker',
  ConflictingSpeakers = 'quote.conflicting-speakers',
  ChangedWords = 'variant.changed-words',
  NegationChanged = 'variant.negation-changed',
  PossibleTypo = 'actor.possible-typo',
}

export interface Problem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly span: Span;
  readonly severity: ProblemSeverity;
  /** Extra machine-readable facts for code actions (e.g. the suggested name of a typo). */
  readonly data?: Readonly<Record<string, string>>;
}

export interface HeaderField {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
  readonly valueSpan: Span;
}

export type ActorKind = 'person' | 'organization' | 'country' | 'place';

/** An anchor names a quote by its words, never by an offset, so it survives edits. */
export interface QuoteAnchor {
  readonly words: string;
  /** 1-based occurrence among the quotes of the scope whose words match; undefined means "the only one". */
  readonly occurrence?: number;
  readonly wordsSpan: Span;
}

export type Annotation =
  | { readonly type: 'actor'; readonly span: Span; readonly name: string; readonly nameSpan: Span; readonly kind?: ActorKind; readonly aliases: readonly string[] }
  | { readonly type: 'speaker'; readonly span: Span; readonly anchor: QuoteAnchor; readonly speaker: string; readonly speakerSpan: Span }
  | { readonly type: 'ignore'; readonly span: Span; readonly anchor: QuoteAnchor };

export interface Article {
  readonly index: number;
  readonly source: string;
  readonly fields: readonly HeaderField[];
  readonly title?: string;
  readonly date?: string;
  readonly url?: string;
  /** From the first character of the delimiter (or of the file) to the end of the body. */
  readonly span: Span;
  /** The delimiter line, absent for a file without delimiters. */
  readonly delimiterSpan?: Span;
  readonly sourceSpan?: Span;
  readonly bodySpan: Span;
  /** Non-empty paragraphs of the body, in order. */
  readonly paragraphs: readonly Span[];
  /** Annotations written in this article's header: their quote anchors look only inside this article. */
  readonly annotations: readonly Annotation[];
}

export interface Story {
  readonly text: string;
  readonly preamble?: Span;
  readonly articles: readonly Article[];
  /** Annotations of the preamble: they apply to the whole story (actors: to the whole workspace). */
  readonly annotations: readonly Annotation[];
  readonly problems: readonly Problem[];
}
