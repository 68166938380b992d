import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { ISO_TIME_FORMS, parseIsoTime, requireIsoTime, toUtcIsoTime } from './iso-time';
import { parseDecimal } from './validate';

describe('toUtcIsoTime: the one rule for times a client sends', () => {
  it.each([
    // A date alone is midnight UTC.
    ['2026-02-28', '2026-02-28T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['2026-02-28T10:30Z', '2026-02-28T10:30:00.000Z'],
    ['2026-02-28T10:30:15Z', '2026-02-28T10:30:15.000Z'],
    ['2026-02-28T10:30:15.1Z', '2026-02-28T10:30:15.100Z'],
    ['2026-02-28T10:30:15.123Z', '2026-02-28T10:30:15.123Z'],
    // Beyond milliseconds, the digits are accepted and dropped.
    ['2026-02-28T10:30:15.123456789Z', '2026-02-28T10:30:15.123Z'],
    ['2026-02-28T10:30+02:00', '2026-02-28T08:30:00.000Z'],
    ['2026-02-28T01:30:00-05:30', '2026-02-28T07:00:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2026-02-28T23:59:59.999-00:00', '2026-02-28T23:59:59.999Z'],
    ['0000-01-01', '0000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('%s is %s', (input, utc) => expect(toUtcIsoTime(input)).toBe(utc));

  it('takes back what toISOString writes', () => {
    const now = new Date().toISOString();
    expect(toUtcIsoTime(now)).toBe(now);
    expect(parseIsoTime(now)).toBe(Date.parse(now));
  });

  it.each([
    // Impossible calendar dates and clock times: never rolled over to the next day or month.
    '2026-02-30',
    '2023-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-01T24:00Z',
    '2026-01-01T23:60Z',
    '2026-01-01T23:59:60Z',
    '2026-01-01T10:00+24:00',
    '2026-01-01T10:00+02:60',
    // What Date.parse guesses at.
    '0',
    '2026',
    '2026-02',
    '-271821-04-20T00:00:00Z',
    '+002026-01-01T00:00:00Z',
    'Mon, 01 Jan 2024',
    'Mon, 01 Jan 2024 00:00:00 GMT',
    '12/31/2099',
    '01/02/2026',
    '2026/01/02',
    'yesterday',
    '',
    // A time of day must say its zone: without one it would be the server's local time, or a guess.
    '2026-01-01T10:00',
    '2026-01-01T10:00:00',
    '2026-01-01T10:00:00.000',
    // Near misses of the accepted forms.
    '2026-01-01Z',
    '2026-01-01 10:00Z',
    '2026-01-01t10:00z',
    '2026-1-1',
    '20260101',
    '2026-01-01T10Z',
    '2026-01-01T1000Z',
    '2026-01-01T10:00:00.Z',
    '2026-01-01T10:00:00.1234567890Z',
    '2026-01-01T10:00+0200',
    '2026-01-01T10:00+02',
    ' 2026-01-01',
    '2026-01-01 ',
    '2026-01-01\n',
    '２０２６-01-01',
    // Instants outside the years 0000 to 9999, whatever the offset says.
    '0000-01-01T00:00+01:00',
    '9999-12-31T23:00-02:00',
  ])('%j is refused', (input) => {
    expect(parseIsoTime(input)).toBeNull();
    expect(toUtcIsoTime(input)).toBeNull();
  });
});

describe('requireIsoTime', () => {
  it('answers a bad time with 400 INVALID_REQUEST naming the field and the accepted forms', () => {
    let caught: unknown;
    try {
      requireIsoTime('createdBefore', '12/31/2099');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    const error = caught as ApiError;
    expect({ status: error.status, code: error.code, details: error.details }).toEqual({
      status: 400,
      code: 'INVALID_REQUEST',
      details: { field: 'createdBefore' },
    });
    expect(error.message).toContain('createdBefore');
    expect(error.message).toContain('"12/31/2099"');
    expect(error.message).toContain(ISO_TIME_FORMS);
  });

  it('gives a good time back in UTC', () => expect(requireIsoTime('since', '2026-03-01T01:00+01:00')).toBe('2026-03-01T00:00:00.000Z'));
});

describe('parseDecimal: numbers in query parameters', () => {
  it.each([
    ['16', 16],
    ['0.5', 0.5],
    ['1e-8', 1e-8],
    ['1.5E+3', 1500],
    ['-1', -1],
    ['007', 7],
  ])('%j is %d', (input, value) => expect(parseDecimal(input)).toBe(value));

  it.each(['0x10', '0b1', '0o7', ' 1', '%201', '1 ', '', ' ', 'Infinity', '-Infinity', 'NaN', '1_000', '1,5', '.', '1e', 'e3', '+-1'])(
    '%j is not a decimal number',
    (input) => expect(parseDecimal(input)).toBeNaN(),
  );
});
