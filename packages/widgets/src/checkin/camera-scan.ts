/**
 * The camera half of scanning: opens a video stream (the back camera by default; tests pass a
 * canvas's `captureStream()`), shows it in the widget's `<video>`, reads frames with a
 * {@link QrReader} until one holds a check-in code, and stops the camera. `<vk-checkin>` imports
 * this module on the first press of "Scan", so the entry and the widget's own chunk never carry it.
 *
 * @module
 */
import { createQrReader, type QrReader } from './qr-reader.js';

/** A QR text that is a check-in code (the kiosk's `vkci1.…`, drawn by checkin-code/qr-image.ts). */
const isCheckinQr = (text: string): boolean => /^vkci1\./.test(text.trim());

/** Where frames come from: a camera, or anything else that is a `MediaStream`. */
export type MediaSource = () => Promise<MediaStream>;

/** The back camera, without sound. */
export const cameraSource: MediaSource = () => {
  if (!navigator.mediaDevices?.getUserMedia) return Promise.reject(new DOMException('No camera API in this browser', 'NotFoundError'));
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
};

export interface ScanOptions {
  video: HTMLVideoElement;
  source?: MediaSource;
  /** Replaceable in tests; else the browser's best ({@link createQrReader}). */
  reader?: QrReader;
  signal: AbortSignal;
  /** A QR code was read that is not a check-in code (said once per different text). */
  onForeignCode?: (text: string) => void;
}

/** Frames are read at most this often: a phone reads a code in well under a second, and the battery lasts. */
const FRAME_INTERVAL_MS = 150;

/**
 * Scans until a check-in code is read (resolves with its text) or `signal` aborts (rejects with
 * an `AbortError`). Always stops the camera before it settles.
 */
export async function scanCheckinCode({ video, source = cameraSource, reader, signal, onForeignCode }: ScanOptions): Promise<string> {
  const stream = await source();
  const stop = () => {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  try {
    signal.throwIfAborted();
    const qr = reader ?? (await createQrReader());
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play().catch(() => {}); // autoplay of a muted stream is allowed; frames are read either way
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    let lastForeign = '';
    for (;;) {
      signal.throwIfAborted();
      if (video.videoWidth > 0 && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const text = await qr.read(context.getImageData(0, 0, canvas.width, canvas.height));
        if (text && isCheckinQr(text)) return text.trim();
        if (text && text !== lastForeign) {
          lastForeign = text;
          onForeignCode?.(text);
        }
      }
      await pause(FRAME_INTERVAL_MS, signal);
    }
  } finally {
    stop();
  }
}

/** Waits `ms` between two frames, or rejects as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
