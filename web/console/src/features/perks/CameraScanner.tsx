import { Alert } from 'antd';
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Reads a QR code (a voucher code or a breakfast card) from the device's camera: frames are drawn
 * to a canvas a few times a second and decoded in the page, so it works on any browser with a
 * camera — no native barcode API needed. Stops the camera as soon as a code is read or on close.
 */
export function CameraScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(onCode);
  done.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const stop = () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
    const scan = () => {
      const v = video.current;
      if (!v || v.readyState < 2 || v.videoWidth === 0) return;
      // Decoding a downscaled frame is fast enough for a phone and still reads a code held near.
      const scale = Math.min(1, 640 / v.videoWidth);
      canvas.width = Math.round(v.videoWidth * scale);
      canvas.height = Math.round(v.videoHeight * scale);
      const g = canvas.getContext('2d', { willReadFrequently: true });
      if (!g) return;
      g.drawImage(v, 0, 0, canvas.width, canvas.height);
      const frame = g.getImageData(0, 0, canvas.width, canvas.height);
      // Both polarities: a phone screen in dark mode shows the code light on dark.
      const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'attemptBoth' });
      if (found?.data && !stopped) {
        stop();
        done.current(found.data.trim());
      }
    };
    if (!navigator.mediaDevices?.getUserMedia) {
      setError(t('scan.unsupported'));
      return stop;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(
      (s) => {
        if (stopped) {
          s.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = s;
        const v = video.current;
        if (v) {
          v.srcObject = s;
          // Some browsers only start once the metadata is in: ask again then.
          v.onloadedmetadata = () => void v.play().catch(() => undefined);
          void v.play().catch(() => undefined);
        }
        timer = setInterval(scan, 200);
      },
      (e: unknown) => setError(t('scan.failed', { reason: e instanceof Error ? e.message : String(e) })),
    );
    return stop;
  }, [t]);

  if (error)
    return (
      <Alert type="warning" showIcon message={error} description={t('scan.typeInstead')} data-testid="scan-error" />
    );
  return (
    <div style={{ position: 'relative' }}>
      <video
        ref={video}
        muted
        playsInline
        style={{ width: '100%', borderRadius: 8, background: '#000' }}
        data-testid="scan-video"
      />
      <div style={{ textAlign: 'center', marginTop: 8, color: '#888' }}>{t('scan.hint')}</div>
    </div>
  );
}
