type PhoneNumber = { number: string };

/**
 * Pair the phone numbers as sent with the numbers the API stored, which it turns into
 * E.164 (090-1234-3946 becomes +819012343946), and return "sent → stored" for each one
 * that changed. The API keeps the order of the list it was sent.
 */
export function normalisedPhoneChanges(sent: readonly PhoneNumber[] | null | undefined, stored: readonly PhoneNumber[] | null | undefined): string[] {
  const storedNumbers = stored ?? [];
  return (sent ?? []).flatMap((phone, index) => {
    const saved = storedNumbers[index]?.number;
    return saved && saved !== phone.number ? [`${phone.number} → ${saved}`] : [];
  });
}
