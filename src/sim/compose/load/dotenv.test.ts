import { describe, expect, it } from 'vitest';
import { parseDotenv } from './dotenv.ts';

describe('parseDotenv', () => {
  it('reads the forms people write in .env files', () => {
    const text = [
      '# database',
      'POSTGRES_USER=shop',
      'export POSTGRES_DB=orders',
      'PASSWORD="s3cr#t with spaces"',
      "LITERAL='$HOME\\n'",
      'ESCAPED="line1\\nline2"',
      'INLINE=value # comment',
      'HASH=abc#def',
      'EMPTY=',
      '  SPACED = padded  ',
      'FROM_SHELL',
      'MULTI="a',
      'b"',
      '',
    ].join('\n');
    expect(parseDotenv(text, (k) => (k === 'FROM_SHELL' ? 'yes' : undefined))).toEqual({
      POSTGRES_USER: 'shop',
      POSTGRES_DB: 'orders',
      PASSWORD: 's3cr#t with spaces',
      LITERAL: '$HOME\\n',
      ESCAPED: 'line1\nline2',
      INLINE: 'value',
      HASH: 'abc#def',
      EMPTY: '',
      SPACED: 'padded',
      FROM_SHELL: 'yes',
      MULTI: 'a\nb',
    });
  });

  it('handles CRLF files and skips a bare key nobody defines', () => {
    expect(parseDotenv('A=1\r\nB\r\n')).toEqual({ A: '1' });
  });
});
