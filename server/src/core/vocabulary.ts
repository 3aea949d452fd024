/**
 * Closed-class English words the analysis relies on. These are grammar, not data about the world:
 * names of countries, capitals and demonyms come from the gazetteer instead.
 */

/** Titles and roles written before a name ("Russian President Vladimir Putin"). Lower-case. */
export const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'supreme', 'leader', 'ayatollah', 'king', 'queen', 'prince',
  'princess', 'chancellor', 'senator', 'sen.', 'rep.', 'representative', 'congressman', 'congresswoman', 'governor',
  'gov.', 'mayor', 'general', 'gen.', 'admiral', 'adm.', 'colonel', 'col.', 'commander', 'chief', 'spokesman',
  'spokeswoman', 'spokesperson', 'ambassador', 'envoy', 'director', 'ceo', 'chairman', 'chairwoman', 'chair', 'pope',
  'dr.', 'mr.', 'mrs.', 'ms.', 'sir', 'lord', 'dame', 'judge', 'justice', 'speaker', 'premier', 'sheikh', 'emir',
  'sultan', 'foreign', 'defence', 'defense', 'interior', 'finance', 'deputy', 'acting', 'former', 'state', 'senior',
  'crown', 'lieutenant', 'lt.', 'sergeant', 'captain', 'capt.', 'professor', 'prof.', 'archbishop', 'bishop',
  'cardinal', 'rabbi', 'imam', 'coach', 'manager', 'striker', 'officer', 'official', 'adviser', 'advisor', 'analyst',
  'security', 'spy', 'mp', 'mep', 'head', 'founder', 'executive', 'mr', 'mrs', 'ms', 'dr', 'mx', 'president-elect',
]);

/** Abbreviated titles and the role they stand for. */
export const TITLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  'gov.': 'governor', 'sen.': 'senator', 'rep.': 'representative', 'gen.': 'general', 'adm.': 'admiral', 'col.': 'colonel',
  'lt.': 'lieutenant', 'capt.': 'captain', 'prof.': 'professor', 'dr.': 'doctor', dr: 'doctor',
};

/** Roles a description can name ("the Russian leader", "the US president"). Lower-case. */
export const ROLE_NOUNS = new Set([
  'governor', 'mayor', 'senator', 'chief', 'director', 'chairman', 'chairwoman', 'ceo', 'coach', 'manager', 'judge',
  'president', 'leader', 'despot', 'dictator', 'strongman', 'autocrat', 'premier', 'chancellor', 'king', 'queen',
  'monarch', 'minister', 'secretary', 'ayatollah', 'ruler', 'head', 'commander', 'general', 'ambassador', 'envoy',
  'spokesman', 'spokeswoman', 'spokesperson', 'tycoon', 'billionaire', 'official',
]);
/** Roles any head of state or government fills. */
export const HEAD_ROLES = new Set(['leader', 'despot', 'dictator', 'strongman', 'autocrat', 'ruler', 'head']);

/** Last words of organisation names ("The New York Times", "Iran's UN mission"). Lower-case. */
export const ORGANIZATION_HEADS = new Set([
  'times', 'post', 'journal', 'news', 'agency', 'ministry', 'council', 'party', 'university', 'bank', 'group', 'company',
  'corp', 'corp.', 'inc', 'inc.', 'ltd', 'ltd.', 'union', 'nations', 'organization', 'organisation', 'force', 'forces',
  'army', 'navy', 'court', 'committee', 'office', 'department', 'mission', 'embassy', 'government', 'parliament',
  'congress', 'senate', 'assembly', 'commission', 'institute', 'foundation', 'association', 'federation', 'guard',
  'guards', 'police', 'service', 'services', 'telegraph', 'guardian', 'herald', 'tribune', 'gazette', 'express',
  'mail', 'press', 'reuters', 'network', 'broadcasting', 'corporation', 'fund', 'authority', 'administration',
  'cabinet', 'military', 'delegation', 'media', 'forum', 'club', 'team', 'alliance', 'coalition', 'front', 'movement',
  'centre', 'center', 'tv', 'radio', 'channel', 'review', 'magazine', 'daily', 'weekly', 'observer', 'independent',
  'spokesman', 'spokeswoman', 'spokesperson',
]);

/** Last words of place names that are not countries ("Persian Gulf", "White House"). Lower-case. */
export const PLACE_HEADS = new Set([
  'gulf', 'sea', 'ocean', 'river', 'mountain', 'mountains', 'island', 'islands', 'street', 'road', 'square', 'city',
  'county', 'province', 'state', 'region', 'valley', 'bay', 'strait', 'canal', 'desert', 'east', 'west', 'north',
  'south', 'house', 'palace', 'airport', 'station', 'bridge', 'park', 'hall', 'tower', 'building', 'plaza', 'lake',
  'coast', 'peninsula', 'strip', 'bank', 'heights', 'border',
]);

/** Capitalised words that never start a person's name (sentence openers, days, months, headings). Lower-case. */
export const NOT_NAMES = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'of', 'for', 'to', 'and', 'but', 'or', 'as', 'by', 'with', 'from', 'into',
  'when', 'while', 'after', 'before', 'since', 'although', 'though', 'however', 'meanwhile', 'earlier', 'later',
  'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'his', 'her', 'they', 'their', 'we', 'our', 'i', 'you',
  'your', 'my', 'me', 'us', 'him', 'them', 'who', 'what', 'where', 'why', 'how', 'which', 'if', 'yet', 'so', 'then',
  'there', 'here', 'over', 'under', 'some', 'many', 'most', 'all', 'any', 'each', 'every', 'no', 'not', 'nobody',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'image', 'photo',
  'getty', 'images', 'operation', 'key', 'critics', 'nation', 'status', 'recent', 'such',
  'will', 'might', 'could', 'would', 'should', 'can', 'do', 'did', 'does', 'is', 'are', 'was', 'were', 'be', 'has',
  'have', 'had', 'speaking', 'responding', 'asked', 'according', 'said', 'says', 'also', 'just', 'only', 'even',
  'both', 'either', 'neither', 'than', 'because', 'despite', 'amid', 'among', 'about', 'against', 'between', 'during',
  'without', 'within', 'across', 'through', 'toward', 'towards', 'upon', 'via', 'per', 'let', 'okay', 'yes', 'read',
  'more', 'breaking', 'live', 'update', 'updated', 'published', 'follow', 'share', 'watch', 'exclusive', 'analysis',
  'opinion', 'comment', 'editorial', 'video', 'old', 'former', 'first', 'last', 'next', 'our', 'one', 'two',
]);

/** Verbs that introduce or attribute speech, in all the forms news writing uses. Lower-case. */
export const REPORTING_VERBS = new Set(
  [
    'say', 'tell', 'state', 'assert', 'quip', 'vow', 'caution', 'stress', 'lament', 'warn', 'add', 'claim', 'declare',
    'insist', 'argue', 'explain', 'note', 'remark', 'reply', 'respond', 'answer', 'announce', 'write', 'tweet', 'post',
    'continue', 'suggest', 'admit', 'acknowledge', 'concede', 'confirm', 'deny', 'denounce', 'describe', 'call',
    'urge', 'demand', 'ask', 'promise', 'pledge', 'predict', 'emphasize', 'emphasise', 'observe', 'comment', 'recall',
    'report', 'mention', 'joke', 'boast', 'complain', 'shout', 'scream', 'whisper', 'murmur', 'mutter', 'exclaim',
    'retort', 'counter', 'reiterate', 'repeat', 'conclude', 'tell', 'inform', 'threaten', 'guarantee', 'affirm',
    'maintain', 'allege', 'charge', 'accuse', 'blast', 'slam', 'hit', 'fire', 'snap', 'sneer', 'scoff', 'mock',
    'deride', 'dismiss', 'reject', 'rebuff', 'brand', 'label', 'dub', 'term', 'hail', 'praise', 'condemn', 'criticise',
    'criticize', 'stat', 'reveal', 'disclose', 'indicate', 'signal', 'hint', 'propose', 'recommend', 'advise',
    'agree', 'think', 'believe', 'feel', 'reckon', 'testify', 'plead', 'beg', 'cry', 'sigh', 'laugh', 'chuckle',
    'sidestep', 'muse', 'wonder', 'query', 'question', 'proclaim', 'tout', 'brag', 'greet', 'thank', 'apologize',
    'apologise', 'rage', 'fume', 'insist', 'rule', 'reaffirm', 'lash',
  ].flatMap(inflect),
);

/** Forms a reporting verb takes ("say" → says, said, saying; "quip" → quipped). */
function inflect(verb: string): string[] {
  const irregular: Readonly<Record<string, readonly string[]>> = {
    say: ['say', 'says', 'said', 'saying'], tell: ['tell', 'tells', 'told', 'telling'], write: ['write', 'writes', 'wrote', 'written', 'writing'],
    put: ['put', 'puts', 'putting'], hit: ['hit', 'hits', 'hitting'], think: ['think', 'thinks', 'thought', 'thinking'],
    feel: ['feel', 'feels', 'felt', 'feeling'], cry: ['cry', 'cries', 'cried', 'crying'], reply: ['reply', 'replies', 'replied', 'replying'],
    deny: ['deny', 'denies', 'denied', 'denying'], testify: ['testify', 'testifies', 'testified', 'testifying'],
    query: ['query', 'queries', 'queried', 'querying'], apologize: ['apologize', 'apologizes', 'apologized', 'apologizing'],
  };
  if (irregular[verb]) return [...irregular[verb]];
  const forms = [verb];
  const stem = verb.endsWith('e') ? verb.slice(0, -1) : verb;
  const doubled = /^(?:quip|snap|plan|slam|stat|beg|sidestep|chat|stop|drop|admit|sob|nag)$/.test(verb) ? verb + verb.slice(-1) : stem;
  forms.push(verb.endsWith('s') || verb.endsWith('sh') || verb.endsWith('ch') ? verb + 'es' : verb + 's');
  forms.push(verb.endsWith('e') ? verb + 'd' : doubled + 'ed');
  forms.push(doubled + 'ing');
  return forms;
}

/** Verbs with which a news outlet cites another outlet ("reported AP"): weaker than a speaker's own verb. */
export const CITING_VERBS = new Set(['reported', 'reports', 'reporting', 'according']);

/** Words that may stand between a speaker and the verb ("Trump further lamented", "Russia has denounced"). */
export const SPEAKER_VERB_FILLERS = new Set([
  'has', 'have', 'had', 'also', 'further', 'then', 'later', 'again', 'once', 'previously', 'earlier', 'recently',
  'repeatedly', 'quickly', 'bluntly', 'simply', 'only', 'reportedly', 'allegedly', 'publicly', 'privately', 'himself',
  'herself', 'themselves', 'itself', 'was', 'were', 'is', 'had', 'would', 'will', 'did', 'does', 'then', 'once', 'even',
  'flatly', 'angrily', 'sharply', 'firmly', 'openly', 'not', 'never', 'just', 'initially', 'subsequently', 'finally',
]);

/** Words before a quote that make it a name, title or scare quote ("launched “Operation Rising Lion”"). */
export const NAMING_CUES = new Set([
  'launched', 'launch', 'called', 'dubbed', 'named', 'titled', 'entitled', 'codenamed', 'code-named', 'so-called',
  'nicknamed', 'branded', 'labelled', 'labeled', 'termed', 'known', 'the', 'operation', 'song', 'film', 'book',
  'album', 'show', 'series', 'campaign', 'hashtag', 'slogan', 'headline', 'word', 'term', 'phrase', 'as', 'calling',
  'dubbing', 'naming', 'plan', 'project', 'programme', 'program', 'scheme', 'bill', 'act',
]);

export const PERSONAL_PRONOUNS = new Set(['he', 'she']);

/** Bits of `wordClasses`: which of the lists above a lower-case word is in. */
export const NOT_NAME = 1;
export const TITLE = 2;
export const REPORTING_VERB = 4;
export const PERSONAL_PRONOUN = 8;
export const ROLE_NOUN = 16;
export const ORGANIZATION_HEAD = 32;
export const PLACE_HEAD = 64;

// The lists' words as a trie over their characters: a word of a text is looked up without being
// hashed (most are new strings, and hashing them cost a fifth of the tokenizer's time).
/** The index of each character the lists' words use (-1: none does). */
const letterOf = new Int8Array(128).fill(-1);
let letters = 0;
/** Per state, per letter, the next state (0: none; the root is state 0 and no letter leads back to it). */
const transitions: number[] = [];
/** Per state, the bits of the word that ends there. */
const classesAt: number[] = [0];

function addWord(word: string, bit: number): void {
  let state = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 128) throw new Error(`vocabulary words are ASCII: ${word}`);
    if (letterOf[code]! < 0) letterOf[code] = letters++;
    const at = state * LETTERS + letterOf[code]!;
    if (!transitions[at]) {
      transitions[at] = classesAt.length;
      classesAt.push(0);
    }
    state = transitions[at]!;
  }
  classesAt[state]! |= bit;
}

/** Room for every character a list word may use: lower-case letters and a few signs. */
const LETTERS = 32;

for (const [list, bit] of [
  [NOT_NAMES, NOT_NAME],
  [TITLES, TITLE],
  [REPORTING_VERBS, REPORTING_VERB],
  [PERSONAL_PRONOUNS, PERSONAL_PRONOUN],
  [ROLE_NOUNS, ROLE_NOUN],
  [ORGANIZATION_HEADS, ORGANIZATION_HEAD],
  [PLACE_HEADS, PLACE_HEAD],
] as const) {
  for (const word of list) addWord(word, bit);
}
if (letters > LETTERS || classesAt.length > 0x7fff) throw new Error('the vocabulary outgrew its trie');
/** The transitions with a row of `letters` per state (some 2,600 states: 150 KB). */
const stride = letters;
const trie = Int16Array.from({ length: classesAt.length * stride }, (_, at) => transitions[Math.floor(at / stride) * LETTERS + (at % stride)] ?? 0);
const trieClasses = Uint8Array.from(classesAt);

/**
 * The lists (the bits above) a lower-case word is in, 0 for most words: the tokenizer asks once per
 * word, and the passes test bits instead of looking the word up in several sets, many times each.
 */
export function wordClasses(lower: string): number {
  let state = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const letter = code < 128 ? letterOf[code]! : -1;
    if (letter < 0) return 0;
    state = trie[state * stride + letter]!;
    if (state === 0) return 0;
  }
  return trieClasses[state]!;
}
