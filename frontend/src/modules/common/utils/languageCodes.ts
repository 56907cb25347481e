/**
 * ISO 639-1 codes offered in language pickers: the languages international patients
 * of Japanese hospitals most often speak. Any other ISO 639-1 code can be typed in.
 */
export const languageCodes = ["ja", "zh", "en", "ko", "vi", "ru", "th", "id", "tl", "mn", "ne", "my", "km", "ar", "es", "pt", "fr", "de", "hi", "ms", "uk"];
