import { strict as assert } from 'node:assert';
import { analyzeStory } from '../../../server/src/core/storyAnalyzer';
import { parseStory } from '../../../server/src/core/storyParser';

/** [quoted words, speaker] of every quotation of a plain fictional article. */
function speakers(text: string): Array<[string, string | null]> {
  return analyzeStory(parseStory(text), []).quotes.map((q) => [q.text, q.speaker]);
}

function kinds(text: string): Array<[string, string]> {
  return analyzeStory(parseStory(text), []).quotes.map((q) => [q.text, q.kind]);
}

describe('attribution of fictional quotes', () => {
  describe('cue patterns', () => {
    it('X said, after the quote, with the surname of a person named before', () => {
      assert.deepEqual(speakers('Mayor Rosa Delgado toured the flooded streets of the city. “We will rebuild,” Delgado said.'), [['We will rebuild,', 'Rosa Delgado']]);
    });

    it('said X, after the quote', () => {
      assert.deepEqual(speakers('“We will rebuild every home,” said Mayor Rosa Delgado.'), [['We will rebuild every home,', 'Rosa Delgado']]);
    });

    it('X said: before the quote', () => {
      assert.deepEqual(speakers('Mayor Rosa Delgado said: “We will rebuild every home.”'), [['We will rebuild every home.', 'Rosa Delgado']]);
    });

    it('X told reporters, before and after the quote', () => {
      assert.deepEqual(speakers('Mayor Rosa Delgado told reporters: “We will rebuild every home.”'), [['We will rebuild every home.', 'Rosa Delgado']]);
      assert.deepEqual(speakers('“We will rebuild every home,” Mayor Rosa Delgado told reporters.'), [['We will rebuild every home,', 'Rosa Delgado']]);
    });

    it('according to X, at the start of the sentence', () => {
      assert.deepEqual(speakers('According to Mayor Rosa Delgado, the city “will rebuild every single home”.'), [['will rebuild every single home', 'Rosa Delgado']]);
    });

    it('X wrote in a statement, with a fragment and with a full quote', () => {
      assert.deepEqual(speakers('Gov. Hal Brennan wrote in a statement that the state would “spare no expense” to help.'), [['spare no expense', 'Hal Brennan']]);
      assert.deepEqual(speakers('Gov. Hal Brennan wrote in a statement: “The state will spare no expense.”'), [['The state will spare no expense.', 'Hal Brennan']]);
    });
  });

  describe('reporting verbs', () => {
    const cases: Array<[string, string, string, string]> = [
      ['asserted:', 'Mayor Rosa Delgado asserted: “The levee was never safe.”', 'The levee was never safe.', 'Rosa Delgado'],
      ['quipped:', 'Festival director Jackie Moran quipped: “We will be back, and louder.”', 'We will be back, and louder.', 'Jackie Moran'],
      ['vowed + fragment', 'Union leader Siobhan Kerr vowed “not one step back”.', 'not one step back', 'Siobhan Kerr'],
      ['stressed that …:', 'Police chief Tom Okafor stressed that crews could not be everywhere: “Please stay at home tonight.”', 'Please stay at home tonight.', 'Tom Okafor'],
      ['lamented that …:', 'Earl Whitcomb lamented that his house was lost: “This one I am not riding out.”', 'This one I am not riding out.', 'Earl Whitcomb'],
      ['warned:', 'Governor Hal Brennan warned: “We will not be able to do this alone for long.”', 'We will not be able to do this alone for long.', 'Hal Brennan'],
      ['warned that + fragment', 'Governor Hal Brennan warned that the state “will not be able to do this alone for long”.', 'will not be able to do this alone for long', 'Hal Brennan'],
      ['cautioned that …:', 'Police chief Tom Okafor cautioned that the water was still rising: “Stay off the roads tonight.”', 'Stay off the roads tonight.', 'Tom Okafor'],
    ];
    for (const [label, text, quoted, speaker] of cases) {
      it(label, () => {
        assert.deepEqual(speakers(text), [[quoted, speaker]]);
      });
    }

    it('continued by stating, with the pronoun resolved to the person of the sentence before', () => {
      assert.deepEqual(speakers('Governor Hal Brennan toured the city. He continued by stating: “Every resource is on the table.”'), [['Every resource is on the table.', 'Hal Brennan']]);
    });
  });

  describe('people, pronouns and references', () => {
    it('resolves he and she to the person named in the sentence before', () => {
      assert.deepEqual(speakers('Mayor Rosa Delgado spent the night at the emergency operations center. “We have never seen water this high,” she said.'), [
        ['We have never seen water this high,', 'Rosa Delgado'],
      ]);
      assert.deepEqual(speakers('Governor Hal Brennan flew over the city by helicopter on Saturday. “Riverbend will not face this alone,” he said.'), [
        ['Riverbend will not face this alone,', 'Hal Brennan'],
      ]);
    });

    it('gives a quote that addresses someone to the speaker, not to the person addressed', () => {
      assert.deepEqual(speakers('Mayor Rosa Delgado turned to Fire chief Maria Santos at the operations center and said: “Maria, let’s get every boat we have on the water.”'), [
        ['Maria, let’s get every boat we have on the water.', 'Rosa Delgado'],
      ]);
      assert.deepEqual(speakers('Mayor Rosa Delgado turned to Fire chief Maria Santos. “Maria, let’s get every boat on the water,” she said.'), [
        ['Maria, let’s get every boat on the water,', 'Rosa Delgado'],
      ]);
      assert.deepEqual(speakers('“Maria, let’s get every boat on the water,” Mayor Rosa Delgado told Chief Maria Santos.'), [['Maria, let’s get every boat on the water,', 'Rosa Delgado']]);
    });

    it('strips titles from names and follows surname-only mentions', () => {
      assert.deepEqual(
        speakers('Finance Minister Jana Weller met reporters after the talks in the city. “Germany will not sign a blank cheque for anyone,” she said. Later in the evening, Weller added: “We can still find a solution.”'),
        [
          ['Germany will not sign a blank cheque for anyone,', 'Jana Weller'],
          ['We can still find a solution.', 'Jana Weller'],
        ],
      );
    });

    it('resolves a description with a real demonym ("the German chancellor") to the one person it fits', () => {
      assert.deepEqual(speakers('German Chancellor Matthias Kessler spoke to reporters after the talks in the city. “I do not believe the fund is dead,” the German chancellor said.'), [
        ['I do not believe the fund is dead,', 'Matthias Kessler'],
      ]);
    });

    it('takes a capital for its government ("Berlin said", "Paris said")', () => {
      assert.deepEqual(speakers('The talks in the city ended without a deal. Berlin said it was “ready to talk, but not to pay for everyone”.'), [['ready to talk, but not to pay for everyone', 'Germany']]);
      assert.deepEqual(speakers('The talks ended without a deal. “The door remains open,” Paris said in a statement.'), [['The door remains open,', 'France']]);
    });

    it('reads a dotted honorific as a title', () => {
      assert.deepEqual(speakers('Transport minister Daniel Ashcroft urged calm on the quayside. “Nobody wins from a port that is standing still,” Mr. Ashcroft said.'), [
        ['Nobody wins from a port that is standing still,', 'Daniel Ashcroft'],
      ]);
    });
  });

  describe('quotes without a cue of their own', () => {
    it('gives a quote standing alone, and one continued over paragraphs, to the previous speaker', () => {
      assert.deepEqual(speakers('“We have put three proposals on the table,” Siobhan O’Neill said. “All three were thrown out within a day.\n\n“So let’s be clear about who walked away from the talks.”'), [
        ['We have put three proposals on the table,', 'Siobhan O’Neill'],
        ['All three were thrown out within a day.\n\nSo let’s be clear about who walked away from the talks.', 'Siobhan O’Neill'],
      ]);
    });

    it('gives a nested quotation the speaker of the quotation around it', () => {
      assert.deepEqual(speakers('Mayor Rosa Delgado said: “I told the chief, ‘Get every boat on the water,’ and she did it.”'), [
        ['I told the chief, ‘Get every boat on the water,’ and she did it.', 'Rosa Delgado'],
        ['Get every boat on the water,', 'Rosa Delgado'],
      ]);
    });

    it('gives a quoted name no speaker', () => {
      const text = 'Mayor Rosa Delgado launched “Operation High Water”, the largest evacuation in the history of the city.';
      assert.deepEqual(speakers(text), [['Operation High Water', null]]);
      assert.deepEqual(kinds(text), [['Operation High Water', 'name']]);
    });

    it('tells a fragment from speech', () => {
      assert.deepEqual(kinds('Union leader Siobhan Kerr vowed “not one step back”. Later she said: “We will not give up.”'), [
        ['not one step back', 'fragment'],
        ['We will not give up.', 'speech'],
      ]);
    });
  });
});
