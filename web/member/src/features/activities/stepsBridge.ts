/**
 * The phone's step counter, when the member app runs inside a native shell (a WeChat mini-program web-view, an app's
 * WebView) that offers it. The shell puts one object on `window` before the app loads:
 *
 *   window.SmartUnionShell = { stepsToday(): number | Promise<number> }
 *
 * answering today's count (Asia/Shanghai day) from the phone's pedometer (e.g. 微信运动 through wx.getWeRunData, or
 * Android's TYPE_STEP_COUNTER / iOS CMPedometer), after asking the member's leave as the platform requires. The app
 * only feature-detects it: without it (a plain browser) the member types the count. The count read is sent with
 * `source: "device"`; the server's limits are the same (at most 100,000).
 */
interface SmartUnionShell {
  stepsToday?: () => number | Promise<number>;
}

function shell(): SmartUnionShell | undefined {
  return (window as unknown as { SmartUnionShell?: SmartUnionShell }).SmartUnionShell;
}

/** Whether the shell can read today's steps. */
export function hasStepCounter(): boolean {
  return typeof shell()?.stepsToday === 'function';
}

/** Today's steps from the phone, a whole number ≥ 0; null when the shell has none or could not read it. */
export async function readStepsToday(): Promise<number | null> {
  const read = shell()?.stepsToday;
  if (typeof read !== 'function') return null;
  try {
    const n = await read();
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
  } catch {
    return null;
  }
}
