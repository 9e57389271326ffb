/** A chart's data failed to load: the reason, and a way to try again. */
export function LoadError({
  message,
  retryLabel,
  onRetry,
}: {
  message: string;
  retryLabel: string;
  onRetry: () => void;
}) {
  return (
    <div role="alert" className="rounded-lg bg-red-50 p-4 text-sm text-red-800">
      <p>{message}</p>
      <button
        type="button"
        onClick={onRetry}
        className="mt-2 font-medium underline underline-offset-2"
      >
        {retryLabel}
      </button>
    </div>
  );
}
