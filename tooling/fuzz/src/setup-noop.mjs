// A setup module for @init/parallel's workers that registers nothing (the fuzz suite's valid `setup`).
export const classes = [];
