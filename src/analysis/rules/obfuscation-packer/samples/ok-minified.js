!function(e,t){"object"==typeof exports?module.exports=t():e.clamp=t()}(this,function(){return function(e,t,n){return Math.min(Math.max(e,t),n)}});
