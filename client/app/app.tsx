import { useEffect, useState } from 'react';
import type { SummaryResponse } from '../../server/schemas/responses';

// A minimal status page until the dashboard (issue 3) replaces it: it proves the client is built,
// served on the API's port and typed against the API's own schemas.
export function App() {
  const [summary, setSummary] = useState<SummaryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/api/v1/stats/summary')
      .then((res) => (res.ok ? (res.json() as Promise<SummaryResponse>) : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then(setSummary)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>
      <h1>施策トラッカー（新技術立国）</h1>
      <p>サンプルデータは説明用であり、公式の数値ではありません。 / The sample data is illustrative, not official.</p>
      {error && <p role="alert">読み込みに失敗しました: {error}</p>}
      {summary && (
        <dl>
          <dt>施策数</dt>
          <dd>{summary.total}</dd>
          <dt>期限（{summary.deadline.nameJa}）まで</dt>
          <dd>{summary.deadline.daysLeft} 日</dd>
          <dt>期限に向けた進捗</dt>
          <dd>{Math.round(summary.progress * 1000) / 10}%</dd>
        </dl>
      )}
      <p>
        API: <a href="/api/v1/meta">/api/v1</a>
      </p>
    </main>
  );
}
