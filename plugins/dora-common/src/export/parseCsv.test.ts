import { objectsToCsv, toCsv } from './csv';
import { parseCsv, parseCsvRecords } from './parseCsv';

describe('parseCsv', () => {
  it('reads back what toCsv wrote: commas, doubled quotes, line breaks inside cells', () => {
    const rows = [
      { a: 'x,y', b: 'say "hi"' },
      { a: 'two\r\nlines', b: '' },
    ];
    const text = toCsv(
      [
        { header: 'a', value: (r: (typeof rows)[number]) => r.a },
        { header: 'b', value: (r: (typeof rows)[number]) => r.b },
      ],
      rows,
    );
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"'],
      ['two\r\nlines', ''],
    ]);
  });

  it('keeps the formula-safe apostrophe of a cell that starts like a formula', () => {
    expect(parseCsvRecords(objectsToCsv([{ title: '=cmd(),"x"' }]))).toEqual([
      { title: `'=cmd(),"x"` },
    ]);
  });

  it('accepts LF line ends and a last line without one', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('refuses text that ends inside a quoted cell', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/quoted cell/);
  });
});
