// Hiragana ぁ (U+3041) to ゖ (U+3096) and the marks ゝ ゞ sit 0x60 code points below their katakana.
const HIRAGANA = /[\u3041-\u3096\u309D\u309E]/g;
const KATAKANA_OFFSET = 0x60;

/**
 * Convert a kana reading to full-width katakana, as the API stores it: hiragana becomes katakana,
 * and NFKC widens half-width katakana and turns full-width spaces into ASCII spaces.
 */
export function toKatakana(value: string): string {
  return value.normalize("NFKC").replace(HIRAGANA, (character) => String.fromCharCode(character.charCodeAt(0) + KATAKANA_OFFSET));
}
