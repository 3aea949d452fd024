import type {
  ActorMentionsParams,
  ActorRowsParams,
  ActorRowsResult,
  ArticleRow,
  ArticleRowsParams,
  CoverageResult,
  GroupParams,
  GroupRowsResult,
  MentionRow,
  Page,
  PageParams,
  QuoteItem,
  QuotePageParams,
  SourceRow,
  SpeakerRow,
  ExportFormat,
  GroupItem,
  ListActorsResult,
  ListGroupsParams,
  ListGroupsResult,
  ListQuotesResult,
  ListSourcesResult,
  LspLocation,
  PositionParams,
  ScopeParams,
  StatusResult,
} from '../../server/src/protocol';
import { Requests } from '../../server/src/protocol';

/** Parameters and result of each custom request in `protocol.ts`, keyed like `Requests`. */
export interface RequestTypes {
  listQuotes: { params: ScopeParams; result: ListQuotesResult };
  listActors: { params: ScopeParams; result: ListActorsResult };
  listSources: { params: ScopeParams; result: ListSourcesResult };
  listGroups: { params: ListGroupsParams; result: ListGroupsResult };
  groupAt: { params: PositionParams; result: GroupItem | null };
  variantNeighbor: { params: PositionParams & { direction: 1 | -1 }; result: LspLocation | null };
  coverage: { params: ScopeParams & PageParams; result: CoverageResult };
  status: { params: ScopeParams; result: StatusResult };
  export: { params: ScopeParams & { format: ExportFormat }; result: string };
  groupRows: { params: ScopeParams & PageParams; result: GroupRowsResult };
  group: { params: GroupParams; result: GroupItem | null };
  quotePage: { params: QuotePageParams; result: Page<QuoteItem> };
  speakerRows: { params: ScopeParams & PageParams; result: Page<SpeakerRow> };
  actorRows: { params: ActorRowsParams; result: ActorRowsResult };
  actorMentions: { params: ActorMentionsParams; result: Page<MentionRow> };
  sourceRows: { params: ScopeParams & PageParams; result: Page<SourceRow> };
  articleRows: { params: ArticleRowsParams; result: Page<ArticleRow> };
}

/** The custom request names; compiling fails when `protocol.ts` and {@link RequestTypes} disagree. */
export type RequestName = keyof RequestTypes;

/** Method of each request, e.g. `articleLens/listQuotes`. */
export const requestMethods: { readonly [K in RequestName]: (typeof Requests)[K] } = Requests;

/** Payload of the `articleLens/indexChanged` notification. */
export interface IndexChangedParams {
  uris: string[];
}

/** Thrown by a request while the language server is not running; commands turn it into a message. */
export class ServerNotRunningError extends Error {
  constructor(readonly state: string) {
    super(`The Article Lens language server is ${state}.`);
    this.name = 'ServerNotRunningError';
  }
}
