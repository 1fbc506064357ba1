/**
 * Calls `onRestore` when the page comes back from the back/forward cache: a `pageshow` with
 * `persisted` (docs/contract.md §3 Back/forward cache). No page load happens then, so nothing
 * else would start a transaction for what the user now sees.
 */
export function instrumentBfcacheRestore(onRestore: () => void): () => void {
  const onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) onRestore();
  };
  addEventListener('pageshow', onPageShow);
  return () => removeEventListener('pageshow', onPageShow);
}
