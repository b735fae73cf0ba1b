/**
 * What early stopping costs: a start's first-stage trajectory (training objective, held-out
 * validation loss, test loss per check) recorded through the study's own pipeline
 * ({@link basin.landscape.earlystop.RecordedStart}), Prechelt's stopping rules GL, PQ, UP and
 * patience ({@link basin.landscape.earlystop.StoppingRule}) and the gaps between the stop and the
 * certified minimum the start goes on to ({@link basin.landscape.earlystop.StopGap}); the top
 * Hessian eigenvalue along the way ({@link basin.landscape.earlystop.TopEigenvalue}) and the
 * sharpness of a trained point ({@link basin.landscape.earlystop.PointSharpness}, for small against
 * large batches). See docs/flatness.md, "Early stopping" and "Small batch against large batch".
 */
package basin.landscape.earlystop;
