// Entry point of the real-corpus scorer for bench/real.mjs and the bench's `real` phase.
import { main } from './real-corpus';

main(process.argv.slice(2));
