/**
 * Splits a command string into words the way compose does (shlex): blanks
 * separate words, single quotes are literal, double quotes allow \" and \\,
 * a backslash outside quotes escapes the next character.
 * Returns undefined for an unclosed quote.
 */
export function shlexSplit(s: string): string[] | undefined {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return undefined;
      cur += s.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && (s[j + 1] === '"' || s[j + 1] === '\\' || s[j + 1] === '$')) j++;
        cur += s[j];
      }
      if (j >= s.length) return undefined;
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
