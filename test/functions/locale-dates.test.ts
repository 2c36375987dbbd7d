/**
 * Text dates as the workbook's language writes them. The host's language is what Excel reports in
 * `Office.context.contentLanguage`; it is the one thing stood in for here.
 */
import { parseDateArg } from '../../functions/dates';

function workbookIn(language: string | undefined): void {
  const scope = globalThis as { Office?: unknown };
  if (language === undefined) delete scope.Office;
  else scope.Office = { context: { contentLanguage: language } };
}

afterAll(() => workbookIn(undefined));

describe('a text date in the workbook language', () => {
  it.each([
    ['en-US', '7/1/2025', '2025-07-01'],
    ['en-GB', '1/7/2025', '2025-07-01'],
    ['fr-FR', '01/07/2025', '2025-07-01'],
    ['de-DE', '1.7.2025', '2025-07-01'],
    ['zh-CN', '2025/7/1', '2025-07-01'],
    ['en-GB', '2025-07-01', '2025-07-01'],
  ])('%s reads %s as %s', (language, text, day) => {
    workbookIn(language);
    expect(parseDateArg(text, 'start')).toEqual({ kind: 'day', day });
  });

  it('a time after the date makes it a date-time', () => {
    workbookIn('de-DE');
    expect(parseDateArg('2.11.2025 01:30', 'start')).toEqual({ kind: 'time', day: '2025-11-02', wall: '2025-11-02T01:30' });
  });

  it.each([
    ['en-GB', '7/13/2025'],
    ['en-US', '13/7/2025'],
    ['en-US', '1.7.2025'],
    ['de-DE', '1/7/2025'],
    ['de-DE', '31.2.2025'],
  ])('%s refuses %s, saying what a date looks like', (language, text) => {
    workbookIn(language);
    expect(() => parseDateArg(text, 'start')).toThrow(`start "${text}" is not a date.`);
    expect(() => parseDateArg(text, 'start')).toThrow(
      language === 'de-DE' ? '"1.7.2025"' : language === 'en-GB' ? '"1/7/2025"' : '"7/1/2025"',
    );
  });

  it('outside Excel (no language reported) a date is read month first, as Excel does by default', () => {
    workbookIn(undefined);
    expect(parseDateArg('7/1/2025', 'end')).toEqual({ kind: 'day', day: '2025-07-01' });
  });
});
