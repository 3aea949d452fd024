/**
 * Custom requests between the extension and the language server. The client never parses articles:
 * every view asks the server through these. Shared by client/ and server/ (plain types, no imports).
 */

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
export interface LspLocation {
  uri: string;
  range: LspRange;
}

/** Restricts a listing to one story file; absent means the whole workspace. */
/** `listGroups`: the groups of a scope, with each version's word differences unless `withDiffs` is false. */
export interface ListGroupsParams extends ScopeParams {
  /** False for lists that show no differences (the Quotes view): laying them out is most of the work. */
  withDiffs?: boolean;
}

export interface ScopeParams {
  uri?: string;
}

export interface QuoteItem {
  /** Unique in the workspace: `<uri>#<quote id>`. */
  key: string;
  uri: string;
  range: LspRange;
  text: string;
  speaker: string | null;
  /** How the speaker was found: pattern, pronoun, sentence-subject, previous-quote, nested, annotation. */
  attribution: string | null;
  kind: 'speech' | 'fragment' | 'name';
  source: string;
  articleTitle: string | null;
  date: string | null;
  groupIds: string[];
}

export interface DiffPart {
  kind: 'equal' | 'inserted' | 'dropped';
  text: string;
}

export interface VariantItem {
  key: string;
  uri: string;
  range: LspRange;
  text: string;
  source: string;
  date: string | null;
  speaker: string | null;
  type: 'identical' | 'punctuation' | 'elision' | 'truncation' | 'fragment' | 'changed-words' | 'paraphrase';
  /** Quotes the group's words inside a longer quotation. */
  container: boolean;
  negationChanged: boolean;
  isRoot: boolean;
  /** This version against the root, word by word (punctuation included); absent when not asked for (`ListGroupsParams.withDiffs`). */
  diff?: DiffPart[];
}

export interface GroupItem {
  id: string;
  label: string;
  rootKey: string;
  /** "quoted by 3 of 4 sources; 1 elision, 1 changed words" */
  summary: string;
  members: VariantItem[];
}

export interface ActorItem {
  name: string;
  kind: 'person' | 'organization' | 'country' | 'place';
  declared: boolean;
  aliases: string[];
  quoteCount: number;
  sourceCount: number;
  /** At most 200, in document order. */
  mentions: Array<LspLocation & { text: string }>;
  quoteKeys: string[];
}

export interface SourceItem {
  source: string;
  articles: Array<{ uri: string; range: LspRange; title: string | null; date: string | null; quoteKeys: string[] }>;
}

export type CoverageStatus = 'verbatim' | 'altered' | 'elided';

export interface CoverageResult {
  sources: string[];
  rows: Array<{ groupId: string; label: string; cells: Array<{ status: CoverageStatus; location: LspLocation; type: VariantItem['type'] } | null> }>;
}

export interface PositionParams {
  uri: string;
  position: LspPosition;
}

export interface StatusResult {
  documents: number;
  articles: number;
  quotes: number;
  actors: number;
  groups: number;
  /** Counts for one story when a uri was given. */
  story?: { articles: number; quotes: number; actors: number };
}

export type ExportFormat = 'json' | 'csv' | 'web-annotation';

export const Requests = {
  listQuotes: 'articleLens/listQuotes',
  listActors: 'articleLens/listActors',
  listSources: 'articleLens/listSources',
  listGroups: 'articleLens/listGroups',
  /** PositionParams → GroupItem | null: the group of the quote at a position. */
  groupAt: 'articleLens/groupAt',
  /** PositionParams & { direction: 1 | -1 } → LspLocation | null: the same quote in the next source. */
  variantNeighbor: 'articleLens/variantNeighbor',
  coverage: 'articleLens/coverage',
  status: 'articleLens/status',
  /** { format: ExportFormat } & ScopeParams → string */
  export: 'articleLens/export',
} as const;

export const Notifications = {
  /** Sent (debounced) after the index changed: { uris: string[] }. */
  indexChanged: 'articleLens/indexChanged',
} as const;

export type ListQuotesResult = QuoteItem[];
export type ListActorsResult = ActorItem[];
export type ListSourcesResult = SourceItem[];
export type ListGroupsResult = GroupItem[];

/**
 * Node flags for the language server process. A larger young generation than the default: analysis
 * allocates many short-lived objects, and fewer scavenges cut the re-analysis after an edit (about 13 %
 * at 32 MB on the soak's 200 KB story). 16 MB, not 32: at 10,000 articles the server's peak RSS is 561
 * instead of 652 MB with the same start, latencies and soak figures (docs/design.md, Memory).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
