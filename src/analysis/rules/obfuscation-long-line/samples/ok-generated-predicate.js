// Generated type guards (like ts-api-utils): long lines, but formatted code with spaces.
'use strict';

function isKeyword(node) {
  return node.kind === 80 || node.kind === 81 || node.kind === 82 || node.kind === 83 || node.kind === 84 || node.kind === 85 || node.kind === 86 || node.kind === 87 || node.kind === 88 || node.kind === 89 || node.kind === 90 || node.kind === 91 || node.kind === 92 || node.kind === 93 || node.kind === 94 || node.kind === 95 || node.kind === 96 || node.kind === 97 || node.kind === 98 || node.kind === 99 || node.kind === 100 || node.kind === 101 || node.kind === 102 || node.kind === 103 || node.kind === 104 || node.kind === 105 || node.kind === 106 || node.kind === 107 || node.kind === 108 || node.kind === 109 || node.kind === 110 || node.kind === 111 || node.kind === 112 || node.kind === 113 || node.kind === 114 || node.kind === 115 || node.kind === 116 || node.kind === 117 || node.kind === 118 || node.kind === 119 || node.kind === 120 || node.kind === 121 || node.kind === 122 || node.kind === 123 || node.kind === 124 || node.kind === 125 || node.kind === 126 || node.kind === 127 || node.kind === 128 || node.kind === 129 || node.kind === 130 || node.kind === 131 || node.kind === 132 || node.kind === 133 || node.kind === 134 || node.kind === 135 || node.kind === 136 || node.kind === 137 || node.kind === 138 || node.kind === 139 || node.kind === 140 || node.kind === 141 || node.kind === 142 || node.kind === 143 || node.kind === 144 || node.kind === 145 || node.kind === 146 || node.kind === 147 || node.kind === 148 || node.kind === 149 || node.kind === 150 || node.kind === 151 || node.kind === 152;
}

function isToken(node) {
  return node.kind >= 0 && node.kind < 165;
}

module.exports = { isKeyword, isToken };
