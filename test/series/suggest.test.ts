import { editDistance, nearest } from '../../backend/series/suggest';

describe('suggestions', () => {
  test('edit distance, and giving up at a limit', () => {
    expect(editDistance('WESTERN HUBB', 'WESTERN HUB')).toBe(1);
    expect(editDistance('KITTEN', 'SITTING')).toBe(3);
    expect(editDistance('KITTEN', 'SITTING', 2)).toBe(2);
    expect(editDistance('A', 'ABCDEFGH', 3)).toBe(3);
  });

  test('names containing the text first, then the nearest by edit distance, ties by name', () => {
    const names = ['WESTERN HUB', 'EASTERN HUB', 'WEST INT HUB', 'PSEG', 'DOMINION HUB'];
    expect(nearest('WESTERN HUBB', names, 3)).toEqual(['WESTERN HUB', 'EASTERN HUB', 'WEST INT HUB']);
    // Every name contains HUB: EASTERN HUB and WESTERN HUB are 8 edits from it, the others 9.
    expect(nearest('hub', names, 2)).toEqual(['EASTERN HUB', 'WESTERN HUB']);
    expect(nearest('PJMM', ['PJM', 'MISO', 'CAISO'], 1)).toEqual(['PJM']);
  });

  test('an absurdly long unknown name over 20,000 locations costs no more than a plausible one', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `NODE_${String(i).padStart(6, '0')}_GEN-APND`);
    const long = 'X'.repeat(4000);
    expect(nearest(long, names, 3)).toHaveLength(3);
    // Work is bounded per candidate: comparisons stop at SUGGEST_MAX_CHARS characters and at the list's worst score.
    expect(nearest(`${'NODE_000042_GEN-APND'}${'Y'.repeat(4000)}`, names, 1)).toEqual(['NODE_000042_GEN-APND']);
  });
});
