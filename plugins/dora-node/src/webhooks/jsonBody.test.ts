import { InputError } from '@backstage/errors';
import { parseJsonBody } from './jsonBody';

describe('parseJsonBody', () => {
  it('returns a JSON object', () => {
    expect(parseJsonBody(Buffer.from('{"a":{"b":1}}'))).toEqual({
      a: { b: 1 },
    });
  });

  it.each(['not json', '[1,2]', '"text"', '3', 'null', ''])(
    'refuses %j with an InputError',
    body => {
      expect(() => parseJsonBody(Buffer.from(body))).toThrow(
        new InputError('The delivery body is not a JSON object'),
      );
    },
  );
});
