import type { ActorMention } from './actorFinder';
import type { ActorKind } from './model';
import type { StoryAnalysis } from './storyAnalyzer';

/** An actor across the workspace: the kind the first story (in uri order) gave it, every form seen. */
export interface WorkspaceActor {
  readonly name: string;
  readonly kind: ActorKind;
  readonly declared: boolean;
  /** Every surface form seen, most frequent first. */
  readonly aliases: readonly string[];
}

interface Built {
  readonly actor: WorkspaceActor;
  readonly first: { uri: string; mention: ActorMention } | undefined;
}

/**
 * The workspace's actors, kept per document: an edit works out again only the actors its document
 * names, not every mention of the workspace (at 10,000 articles that walk took a quarter of a second
 * after each change, paid by the next hover on a name or refresh of a view). An actor's record is read
 * from the analyses of the documents that name it; nothing per document and actor is kept beside them
 * (a map of forms per document and actor was 3.3 KB per article at 10,000 articles).
 */
export class WorkspaceActors {
  private readonly analyses = new Map<string, StoryAnalysis>();
  /** The documents that name each actor: one uri inline (most names are in one story), else a set. */
  private readonly urisOf = new Map<string, string | Set<string>>();
  private readonly built = new Map<string, Built>();
  private readonly stale = new Set<string>();
  private readonly pending = new Map<string, StoryAnalysis | undefined>();
  private sorted: WorkspaceActor[] | undefined;
  private positions: Map<string, number> | undefined;

  /**
   * Takes a document's analysis (undefined when the document is gone). Read on the next question, not
   * now: a warm start restores thousands of documents whose mentions are decoded only when first read.
   */
  setDocument(uri: string, analysis: StoryAnalysis | undefined): void {
    this.pending.set(uri, analysis);
    this.sorted = undefined;
    this.positions = undefined;
  }

  private readPending(): void {
    for (const [uri, analysis] of this.pending) this.read(uri, analysis);
    this.pending.clear();
  }

  private read(uri: string, analysis: StoryAnalysis | undefined): void {
    const before = this.analyses.get(uri)?.actors;
    const after = analysis?.actors;
    for (const name of before?.keys() ?? []) {
      if (after?.has(name)) continue;
      if (this.removeUri(name, uri)) this.changed(name);
      else this.forget(name);
    }
    for (const name of after?.keys() ?? []) {
      this.addUri(name, uri);
      this.changed(name);
    }
    if (analysis) this.analyses.set(uri, analysis);
    else this.analyses.delete(uri);
  }

  private addUri(name: string, uri: string): void {
    const uris = this.urisOf.get(name);
    if (uris === undefined || uris === uri) this.urisOf.set(name, uri);
    else if (typeof uris === 'string') this.urisOf.set(name, new Set([uris, uri]));
    else uris.add(uri);
  }

  /** Takes `uri` off the actor's documents; false when none is left. */
  private removeUri(name: string, uri: string): boolean {
    const uris = this.urisOf.get(name);
    if (uris === undefined || uris === uri) return false;
    if (typeof uris === 'string') return true;
    uris.delete(uri);
    if (uris.size === 1) this.urisOf.set(name, uris.values().next().value!);
    return true;
  }

  actor(name: string): WorkspaceActor | undefined {
    this.readPending();
    return this.builtOf(name)?.actor;
  }

  /** An actor's kind (what `actor(name).kind` says), without gathering its forms from every document that names it. */
  kindOf(name: string): ActorKind | undefined {
    this.readPending();
    if (!this.stale.has(name)) return this.built.get(name)?.actor.kind;
    const uris = this.urisOf.get(name);
    if (uris === undefined) return undefined;
    let first = typeof uris === 'string' ? uris : undefined;
    if (first === undefined) for (const uri of uris as Set<string>) if (first === undefined || uri < first) first = uri;
    return this.analyses.get(first!)!.actors.get(name)!.kind;
  }

  /** Where an actor is first mentioned, in document (uri) order. */
  firstMentionOf(name: string): { uri: string; mention: ActorMention } | undefined {
    this.readPending();
    return this.builtOf(name)?.first;
  }

  /**
   * Reads up to `limit` changed documents, or works out up to `limit` of the actors changed since they
   * were last asked for; true when nothing is left. For idle time: a popular name is in thousands of
   * stories, and the first hover on it would otherwise gather them all.
   */
  prepare(limit: number): boolean {
    let left = limit;
    for (const [uri, analysis] of this.pending) {
      if (left-- <= 0) return false;
      this.read(uri, analysis);
      this.pending.delete(uri);
    }
    for (const name of this.stale) {
      if (left-- <= 0) return false;
      this.builtOf(name);
    }
    return true;
  }

  /** The documents that name an actor, by uri. */
  urisNaming(name: string): string[] {
    this.readPending();
    const uris = this.urisOf.get(name);
    return uris === undefined ? [] : typeof uris === 'string' ? [uris] : [...uris].sort();
  }

  /** How many actors `all()` lists. */
  count(): number {
    this.readPending();
    return this.urisOf.size;
  }

  /** Every actor, by name. */
  all(): readonly WorkspaceActor[] {
    this.readPending();
    if (!this.sorted) {
      for (const name of [...this.stale]) this.builtOf(name);
      this.sorted = [...this.built.values()].map((b) => b.actor).sort((a, b) => a.name.localeCompare(b.name));
    }
    return this.sorted;
  }

  /** Each actor's place in `all()`. */
  positionsInAll(): ReadonlyMap<string, number> {
    this.positions ??= new Map(this.all().map((a, i) => [a.name, i]));
    return this.positions;
  }

  // An actor's record is dropped as soon as it is out of date, not when it is next asked for: it holds
  // strings cut from the text of its documents, which would keep their old versions alive meanwhile.
  private changed(name: string): void {
    this.built.delete(name);
    this.stale.add(name);
    this.sorted = undefined;
    this.positions = undefined;
  }

  /** A name no document mentions any more. */
  private forget(name: string): void {
    this.urisOf.delete(name);
    this.built.delete(name);
    this.stale.delete(name);
    this.sorted = undefined;
    this.positions = undefined;
  }

  private builtOf(name: string): Built | undefined {
    if (!this.stale.has(name)) return this.built.get(name);
    this.stale.delete(name);
    const uris = this.urisOf.get(name);
    if (!uris) {
      this.built.delete(name);
      return undefined;
    }
    let kind: ActorKind | undefined;
    let declared = false;
    let first: Built['first'];
    const forms = new Map<string, number>();
    for (const uri of typeof uris === 'string' ? [uris] : [...uris].sort()) {
      const analysis = this.analyses.get(uri)!;
      const info = analysis.actors.get(name)!;
      kind ??= info.kind;
      if (info.declared) declared = true;
      for (const alias of info.declaredAliases) forms.set(alias, forms.get(alias) ?? 0);
      analysis.mentions.countForms(name, forms);
      if (!first) {
        const mention = analysis.mentions.firstOf(name);
        if (mention) first = { uri, mention };
      }
    }
    const aliases = [...forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form]) => form);
    const built: Built = { actor: { name, kind: kind!, declared, aliases }, first };
    this.built.set(name, built);
    return built;
  }
}
