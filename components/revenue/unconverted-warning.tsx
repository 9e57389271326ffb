import { useTranslations } from 'next-intl';

/**
 * Beside converted figures: how many purchases have no rate for their day, so are left out
 * of them (DESIGN §5b). For an admin, a link to the rates in Settings. Nothing when none.
 */
export function UnconvertedWarning({
  unconverted,
  settingsLink,
  testId = 'unconverted-warning',
}: {
  unconverted: { purchases: number; currencies: string[] };
  /** Whether the viewer may add rates (admins). */
  settingsLink: boolean;
  testId?: string;
}) {
  const t = useTranslations('charts.unconverted');
  if (unconverted.purchases === 0) return null;
  return (
    <p
      role="status"
      data-testid={testId}
      className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      {t('text', {
        count: unconverted.purchases,
        currencies: unconverted.currencies.join(', '),
      })}
      {settingsLink && (
        <>
          {' '}
          <a
            href="/settings#currencies"
            className="font-medium underline underline-offset-2 hover:text-amber-950"
          >
            {t('addRates')}
          </a>
        </>
      )}
    </p>
  );
}
