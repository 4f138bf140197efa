'use strict';
// Inert imitation of the chalk/debug 2025 shape: an ordinary module (a tiny ANSI styler) with one
// long minified line appended at the end. The appended code only builds and logs a placeholder.

const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39] };

function style(name, text) {
  const [open, close] = codes[name];
  return '\u001b[' + open + 'm' + text + '\u001b[' + close + 'm';
}

const api = {};
for (const name of Object.keys(codes)) {
  api[name] = (text) => style(name, text);
}

module.exports = api;
var a0=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a1=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a2=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a3=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a4=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a5=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a6=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a7=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a8=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a9=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a10=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a11=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a12=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a13=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a14=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a15=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a16=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a17=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a18=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a19=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a20=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a21=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a22=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a23=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a24=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};var a25=function(b,c){var d=[];for(var e=0;e<b.length;e++){d.push(String(b[e])+c)}return d.join("")};(function(){if(typeof window!=="undefined"){console.log(a0(["placeholder"],"!"))}})();
