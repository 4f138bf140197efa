/* eslint-disable */ // a parser-benchmark input, not project code
import React, { useState } from 'react';

export function Counter({ start = 0, label }) {
  const [n, setN] = useState(start);
  return (
    <div className="counter" data-n={n}>
      <span>{label ?? 'Count'}: {n}</span>
      <button onClick={() => setN((x) => x + 1)} disabled={n > 10}>
        +1
      </button>
      {n > 5 && <em>big</em>}
      <>
        <br />
      </>
    </div>
  );
}
