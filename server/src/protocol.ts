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

/** `listGroups`: the groups of a scope, with each version's word differences unless `withDiffs` is false. */
export interface ListGroupsParams extends ScopeParams {
  /** False for lists that show no differences (the Quotes view): laying them out is most of the work. */
  withDiffs?: boolean;
}

/** Restricts a listing to one story file; absent means the whole workspace. */
export interface ScopeParams {
  uri?: string;
}

/**
 * A slice of a long list: `limit` rows from `offset`. The views' trees ask for their rows a page at a
 * time, and for a row's children when it is expanded: a workspace of 10,000 articles has 20,000 variant
 * groups and 95,000 quotes, which as one answer were 40-60 MB and seconds of work (docs/design.md, Views).
 */
export interface PageParams {
  offset?: number;
  /** At most {@link MAX_PAGE}; absent means {@link MAX_PAGE}. */
  limit?: number;
}

export const MAX_PAGE = 1000;

export interface Page<T> {
  items: T[];
  /** How many rows the whole list has. */
  total: number;
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

/** What the views and pickers say of an actor in a scope. */
export interface ActorFacts {
  name: string;
  kind: ActorKind;
  declared: boolean;
  aliases: string[];
  quoteCount: number;
  sourceCount: number;
}

export interface ActorItem extends ActorFacts {
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
  /** How many groups the scope has (`rows` holds the page asked for). */
  totalRows: number;
  rows: Array<{ groupId: string; label: string; cells: Array<{ status: CoverageStatus; location: LspLocation; type: VariantItem['type'] } | null> }>;
}

/** A variant group as a row of the Quotes view: its versions are asked for when it is expanded (`group`). */
export interface GroupRow {
  id: string;
  label: string;
  rootKey: string;
  summary: string;
  root: LspLocation;
  memberCount: number;
  /** A version says the opposite of the root. */
  negationChanged: boolean;
}

export interface GroupRowsResult extends Page<GroupRow> {
  /** Quotes of the scope in no group (quoted by one source). */
  ungroupedQuotes: number;
}

/** `group`: the group with this id, else the group holding its root quote `rootKey` (ids change when a group is rebuilt). */
export interface GroupParams {
  id: string;
  rootKey?: string;
  withDiffs?: boolean;
}

/** `quotePage`: the quotes of a scope that match every filter given, in document order. */
export interface QuotePageParams extends ScopeParams, PageParams {
  /** Quotes attributed to this speaker; null for unattributed quotes. */
  speaker?: string | null;
  /** Quotes in no variant group. */
  ungrouped?: boolean;
  /** Quotes of one article of the story `uri` (its index in the story). */
  articleIndex?: number;
  /** Quotes whose text, speaker or source hold every word of it, in any case (Go to Quote as the user types). */
  query?: string;
}

export interface SpeakerRow {
  /** null for the unattributed quotes. */
  speaker: string | null;
  quoteCount: number;
}

export type ActorKind = 'person' | 'organization' | 'country' | 'place';

/** An actor as a row of the Actors view: its quotes (`quotePage` by speaker) and mentions (`actorMentions`) come on expand. */
export interface ActorRow extends ActorFacts {
  mentionCount: number;
}

/** `actorRows`: the actors of a scope named in it, most quoted first; of one kind when `kind` is given. */
export interface ActorRowsParams extends ScopeParams, PageParams {
  kind?: ActorKind;
}

export interface ActorRowsResult extends Page<ActorRow> {
  /** How many actors of each kind the scope names (whatever `kind` was asked). */
  kinds: Record<ActorKind, number>;
}

export interface ActorMentionsParams extends ScopeParams, PageParams {
  name: string;
}

export type MentionRow = LspLocation & { text: string };

export interface SourceRow {
  source: string;
  articleCount: number;
}

export interface ArticleRowsParams extends ScopeParams, PageParams {
  source: string;
}

export interface ArticleRow {
  uri: string;
  /** The article's place in its story, for `quotePage`'s `articleIndex`. */
  index: number;
  range: LspRange;
  title: string | null;
  date: string | null;
  quoteCount: number;
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
  /** ScopeParams & PageParams → CoverageResult: a page of groups × every source of the scope */
  coverage: 'articleLens/coverage',
  status: 'articleLens/status',
  /** { format: ExportFormat } & ScopeParams → string */
  export: 'articleLens/export',
  // The views' trees, a page of rows at a time (see PageParams):
  /** ScopeParams & PageParams → GroupRowsResult */
  groupRows: 'articleLens/groupRows',
  /** GroupParams → GroupItem | null */
  group: 'articleLens/group',
  /** QuotePageParams → Page<QuoteItem> */
  quotePage: 'articleLens/quotePage',
  /** ScopeParams & PageParams → Page<SpeakerRow>, most quoted first, unattributed last */
  speakerRows: 'articleLens/speakerRows',
  /** ActorRowsParams → ActorRowsResult */
  actorRows: 'articleLens/actorRows',
  /** ActorMentionsParams → Page<MentionRow>, in document order */
  actorMentions: 'articleLens/actorMentions',
  /** ScopeParams & PageParams → Page<SourceRow>, by name */
  sourceRows: 'articleLens/sourceRows',
  /** ArticleRowsParams → Page<ArticleRow>, in document order */
  articleRows: 'articleLens/articleRows',
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
