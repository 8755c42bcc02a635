import { csvCell, flattenRow, objectsToCsv, toCsv } from './csv';

describe('csvCell (RFC 4180)', () => {
  it('quotes a cell with a comma, a quote or a line break and doubles its quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('keeps text a spreadsheet would run as a formula as text, but not negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1.5)).toBe('-1.5');
  });

  it('writes null as empty, arrays joined and objects as JSON', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('a; b');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(false)).toBe('false');
  });
});

describe('toCsv and objectsToCsv', () => {
  it('writes a header and one CRLF-ended line per row', () => {
    expect(
      toCsv(
        [
          { header: 'service', value: (r: { ref: string }) => r.ref },
          { header: 'n', value: () => 2 },
        ],
        [{ ref: 'component:default/a' }],
      ),
    ).toBe('service,n\r\ncomponent:default/a,2\r\n');
  });

  it('flattens nested objects to dotted columns, the union of every row’s keys in order', () => {
    expect(flattenRow({ a: { b: 1, c: { d: 2 } }, e: [1, 2] })).toEqual({
      'a.b': 1,
      'a.c.d': 2,
      e: [1, 2],
    });
    expect(objectsToCsv([{ a: 1 }, { b: 'x', a: 2 }])).toBe(
      'a,b\r\n1,\r\n2,x\r\n',
    );
  });
});
