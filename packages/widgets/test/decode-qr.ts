/**
 * Reads back the QR code a widget drew on a canvas with a third-party decoder (jsQR), so a test
 * checks what a phone camera would read, not how the widget called its encoder.
 */
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** The text in the QR code on `canvas`, or `null` if none can be read. */
export async function decodeQrCanvas(canvas: HTMLCanvasElement): Promise<string | null> {
  // Served by test/wtr-plugins.mjs: jsQR is CommonJS, bundled to an ES module there.
  const { default: jsQR } = (await import(/* @vite-ignore */ '/__vk/jsqr.js' as string)) as { default: JsQr };
  // Drawn at one pixel per module; scaled up (no smoothing) so the decoder finds its patterns.
  const scale = 8;
  const big = document.createElement('canvas');
  big.width = canvas.width * scale;
  big.height = canvas.height * scale;
  const context = big.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  context.drawImage(canvas, 0, 0, big.width, big.height);
  const pixels = context.getImageData(0, 0, big.width, big.height);
  return jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
}
