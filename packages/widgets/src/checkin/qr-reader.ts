/**
 * Reads the text of a QR code in one camera frame: with the browser's own `BarcodeDetector` where it
 * reads QR codes (Chrome on Android and macOS, Safari), else with the `qr` package's decoder
 * (paulmillr/qr, `qr/decode.js`), imported only then, into a chunk of its own. Part of the scan
 * chunk, which `<vk-checkin>` loads when the volunteer first presses "Scan".
 *
 * @module
 */

/** A frame's pixels: RGBA, row by row (what `getImageData` gives). */
export interface Frame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Reads one frame: the QR code's text, or `null` when the frame holds none that can be read. */
export interface QrReader {
  readonly engine: 'native' | 'fallback';
  read(frame: Frame): Promise<string | null>;
}

/** The part of the Barcode Detection API used here (not yet in TypeScript's DOM types). */
interface NativeDetector {
  detect(image: ImageData): Promise<Array<{ rawValue: string }>>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** The browser's detector class when it can read QR codes, else `null` (absent, or without `qr_code`, as on desktop Linux). */
export async function nativeQrDetector(scope: object = globalThis): Promise<NativeDetectorClass | null> {
  const Detector = (scope as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (typeof Detector !== 'function') return null;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code') ? Detector : null;
  } catch {
    return null;
  }
}

function toImageData(frame: Frame): ImageData {
  return frame instanceof ImageData ? frame : new ImageData(new Uint8ClampedArray(frame.data), frame.width, frame.height);
}

/** The fallback decoder alone (loaded on this call): tests use it in every engine. */
export async function fallbackQrReader(): Promise<QrReader> {
  const { default: decodeQR } = await import('qr/decode.js');
  return {
    engine: 'fallback',
    read: async (frame) => {
      try {
        return decodeQR({ data: frame.data, width: frame.width, height: frame.height });
      } catch {
        return null; // no code in this frame, or not readable yet: the next frame may be
      }
    },
  };
}

/** The best reader this browser has: native when it reads QR codes, else the fallback. `scope` is replaceable in tests. */
export async function createQrReader(scope: object = globalThis): Promise<QrReader> {
  const Detector = await nativeQrDetector(scope);
  if (!Detector) return fallbackQrReader();
  const detector = new Detector({ formats: ['qr_code'] });
  return {
    engine: 'native',
    read: async (frame) => {
      const [found] = await detector.detect(toImageData(frame));
      return found?.rawValue ?? null;
    },
  };
}
