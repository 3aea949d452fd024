import { packText, unpackText } from './packedText';

/** A person an article names, as the article's first pass keeps it for the story's merge. */
export interface NamedPerson {
  readonly name: string;
  readonly tokens: readonly string[];
  readonly country?: string;
  readonly roles: readonly string[];
}

// Separators no name, word or role holds: between persons, between fields, between the items of a field.
const PERSON = '\u0001';
const FIELD = '\u0002';
const ITEM = '\u0003';

/**
 * An article's persons in one string (name, tokens, country, roles): every analysed article keeps
 * them until its story is analysed again, and as objects (a list of tokens, a list of roles, a string
 * each) they take several times the room.
 */
export function packPersons(persons: readonly NamedPerson[]): string {
  return packText(persons.map((p) => [p.name, p.tokens.join(ITEM), p.country ?? '', p.roles.join(ITEM)].join(FIELD)).join(PERSON));
}

export function unpackPersons(packed: string): NamedPerson[] {
  if (packed === '') return [];
  return unpackText(packed).split(PERSON).map((person) => {
    const [name = '', tokens = '', country = '', roles = ''] = person.split(FIELD);
    return { name, tokens: tokens.split(ITEM), roles: roles === '' ? [] : roles.split(ITEM), ...(country ? { country } : {}) };
  });
}
