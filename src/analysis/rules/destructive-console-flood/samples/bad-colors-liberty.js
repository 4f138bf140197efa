// Inert imitation of colors 1.4.44-liberty-2 (January 2022): an endless loop that prints when the
// module is required. It is only read by tests, never required.
var colors = {};
module['exports'] = colors;

colors.themes = {};
colors.enabled = true;

for (let i = 666; i < Infinity; i++) {
  if (i % 333) {
    // console.log('testing'.zalgo.rainbow)
  }
  console.log('testing testing testing testing testing testing testing');
}
