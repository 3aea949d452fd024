import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ProblemCode, type Problem } from '../core/model';
import type { VariantGroup, VariantMember, WorkspaceIndex } from '../core/workspaceIndex';
import { articleOf, rangeOf, refOf } from './lookup';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

/**
 * The problems of one document: parse problems, unbalanced quotes, speech without a speaker, changed
 * words and negations against other sources, conflicting speakers, likely typos of names, annotations
 * whose anchor is gone. Codes in `disabled` are left out. Empty for an unknown document.
 */
export function provideDiagnostics(index: WorkspaceIndex, uri: string, disabled: ReadonlySet<string> = new Set()): Diagnostic[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const problems: Problem[] = [...doc.analysis.problems];

  // A group's members and speakers are worked out once, not once per member (a viral quote has thousands).
  const facts = new Map<VariantGroup, { members: Map<string, VariantMember>; speakers: Set<string> }>();
  const factsOf = (group: VariantGroup): { members: Map<string, VariantMember>; speakers: Set<string> } => {
    let known = facts.get(group);
    if (!known) {
      const speakers = new Set(group.members.map((m) => index.quote(m.key)!.quote.speaker).filter((s): s is string => s !== null));
      facts.set(group, (known = { members: new Map(group.members.map((m) => [m.key, m])), speakers }));
    }
    return known;
  };
  for (const quote of doc.analysis.quotes) {
    if (quote.kind === 'speech' && !quote.speaker) {
      problems.push({ code: ProblemCode.MissingSpeaker, message: 'No speaker found for this quotation. Use “Attribute Quote to…” to name one.', span: quote.span, severity: 'hint' });
    }
    const key = refOf(doc, quote).key;
    for (const group of index.groupsOf(key)) {
      const { members, speakers } = factsOf(group);
      const member = members.get(key)!;
      const root = index.quote(group.rootKey)!;
      if (member.key === group.rootKey) continue;
      const rootSource = articleOf(index.get(root.uri)!, root.quote).source;
      if (member.comparison.type === 'changed-words' && !member.container) {
        const words = [...member.comparison.dropped.map((w) => `“${w}”`), '→', ...member.comparison.added.map((w) => `“${w}”`)].join(' ');
        problems.push({ code: ProblemCode.ChangedWords, message: `Worded differently from ${rootSource}: ${words}`, span: quote.span, severity: 'warning', data: { rootKey: group.rootKey } });
      }
      if (member.comparison.negationChanged) {
        const how = member.comparison.type === 'elision' ? 'The elision drops' : 'This version changes';
        problems.push({ code: ProblemCode.NegationChanged, message: `${how} a negation compared with ${rootSource}: the meaning may be reversed.`, span: quote.span, severity: 'warning' });
      }
      if (quote.speaker && speakers.size > 1) {
        const others = [...speakers].filter((s) => s !== quote.speaker);
        problems.push({ code: ProblemCode.ConflictingSpeakers, message: `Other sources attribute this quotation to ${others.join(', ')}.`, span: quote.span, severity: 'information' });
      }
    }
  }
  for (const m of doc.analysis.mentions) {
    if (m.via === 'typo') {
      problems.push({ code: ProblemCode.PossibleTypo, message: `“${m.text}” looks like a misspelling of ${m.actor}.`, span: m, severity: 'information', data: { actor: m.actor, surname: m.actor.split(' ').pop()! } });
    }
  }
  const seen = new Set<string>();
  return problems
    .filter((p) => !disabled.has(p.code))
    .filter((p) => {
      const id = `${p.code}@${p.span.start}:${p.span.end}:${p.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .map((p) => ({ range: rangeOf(doc, p.span), severity: SEVERITY[p.severity], code: p.code, source: 'article-lens', message: p.message, ...(p.data ? { data: p.data } : {}) }));
}
