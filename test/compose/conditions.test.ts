// Folding text to plain characters (src/abc/fold.ts) and fitting a request's forced text to a
// model's vocabulary (src/compose/conditions.ts): fold first, refuse only what is left.
import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/abc/fold.js';
import { fitConditions, OptionError } from '../../src/compose/conditions.js';
import { checkComposeOptions } from '../../src/compose/options.js';

const ASCII = (ch: string) => ch >= ' ' && ch <= '~';

describe('foldText', () => {
  it.each([
    ['Café', 'Cafe'], ['Seán Ó Duibhir', 'Sean O Duibhir'], ['Tá an Coileach ag Fógairt an Lae', 'Ta an Coileach ag Fogairt an Lae'],
    ['Ærøskøbing', 'AEroskobing'], ['Straße', 'Strasse'], ['Łódź', 'Lodz'], ['The Maid’s “Fancy” – Reel', 'The Maid\'s "Fancy" - Reel'],
    ['Ça‌va', 'Ça‌va'.normalize('NFD').replace(/\p{M}/gu, '')], ['plain', 'plain'],
  ])('%s -> %s', (text, want) => expect(foldText(text)).toBe(want));
  it('leaves what has no plain form for the caller to refuse', () => expect(foldText('Tune ☃')).toBe('Tune ☃'));
});

describe('fitConditions', () => {
  const fit = (raw: object) => fitConditions(checkComposeOptions(raw), ASCII);
  it('folds a title the model cannot write as given', () => {
    expect(fit({ title: 'Café' }).title).toBe('Cafe');
    expect(fit({ title: 'Seán Ó Duibhir’s' }).title).toBe("Sean O Duibhir's");
    expect(fit({ title: 'The Lark' }).title).toBe('The Lark');
  });
  it('keeps a title the model can write, accents and all', () => {
    expect(fitConditions(checkComposeOptions({ title: 'Café' }), () => true).title).toBe('Café');
  });
  it('refuses, naming the field and characters, what folding cannot save', () => {
    expect(() => fit({ title: 'Tune ☃' })).toThrow(OptionError);
    expect(() => fit({ title: 'Tune ☃' })).toThrow('title uses characters the model does not know: "☃"');
    expect(() => fitConditions(checkComposeOptions({ prime: 'ABc' }), (ch) => ch !== 'c')).toThrow('prime uses characters the model does not know: "c"');
  });
});
