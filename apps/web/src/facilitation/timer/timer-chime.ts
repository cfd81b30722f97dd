/** Two soft sine notes, rising: noticeable without startling anyone. */
const NOTES_HZ = [660, 880];
const NOTE_SECONDS = 0.5;
const PEAK_GAIN = 0.06;

let context: AudioContext | null = null;

/**
 * Plays a short, soft chime when the countdown reaches zero, if the page may play sound: browsers allow it
 * only after the person has used the page. Otherwise, or when audio fails in any way, it stays silent.
 */
export function playChime(): void {
  if (typeof AudioContext === 'undefined') return;
  if (navigator.userActivation && !navigator.userActivation.hasBeenActive) return;
  try {
    context ??= new AudioContext();
    const audio = context;
    audio
      .resume()
      .then(() => {
        if (audio.state === 'running') playNotes(audio);
      })
      .catch(() => {
        // Sound is a courtesy; the countdown's pulse and message carry the signal.
      });
  } catch {
    // As above: no sound rather than an error.
  }
}

function playNotes(audio: AudioContext): void {
  const start = audio.currentTime + 0.02;
  NOTES_HZ.forEach((frequency, index) => {
    const at = start + index * NOTE_SECONDS * 0.6;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(PEAK_GAIN, at + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_SECONDS + 0.05);
  });
}
